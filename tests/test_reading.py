"""Reading articles as they really come: encodings, formats, page furniture, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS, run

from kg.article import MAX_BYTES, read_paths
from kg.clean import clean_lines
from kg.errors import InputError
from kg.store import open_store

PAGE = "Tiêu đề bài viết về hợp tác xã\n\nThứ 6, 22/01/2021 | 15:34:48\nToàn tỉnh có 445 HTX.\n\nNgân Huyền\n"


def _read(path):
    return list(read_paths([path]))


def test_utf8_with_and_without_bom_and_utf16(tmp_path):
    for name, data in {
        "a.txt": PAGE.encode("utf-8"),
        "b.txt": b"\xef\xbb\xbf" + PAGE.encode("utf-8"),
        "c.txt": PAGE.encode("utf-16"),
        "d.txt": PAGE.encode("utf-16-be").join([b"\xfe\xff", b""]),
    }.items():
        (tmp_path / name).write_bytes(data)
        (article,) = _read(tmp_path / name)
        assert article.title == "Tiêu đề bài viết về hợp tác xã", name
        assert article.published == "2021-01-22T15:34:48" and article.authors == ["Ngân Huyền"]
        assert article.text == "Toàn tỉnh có 445 HTX."


def test_bad_files_get_one_clear_reason_naming_the_file(tmp_path):
    cases = {
        "empty.txt": (b"  \n", "empty file"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file, not text"),
        "latin1.txt": (
            "Hợp tác xã".encode("cp1258", errors="ignore") + b"\xe9\xff",
            "not UTF-8 or UTF-16 text",
        ),
    }
    for name, (data, reason) in cases.items():
        (tmp_path / name).write_bytes(data)
        (error,) = _read(tmp_path / name)
        assert isinstance(error, InputError) and error.source == str(tmp_path / name)
        assert error.reason.startswith(reason), error.reason
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * (MAX_BYTES + 1))
    (error,) = _read(huge)
    assert "larger than" in error.reason


def test_json_lines_with_a_bad_line_go_on(tmp_path):
    path = tmp_path / "batch.jsonl"
    good = {
        "id": "x1",
        "url": "https://example.org/a",
        "title": "Hội nghị HTX",
        "published": "2023-09-20",
        "text": "Toàn tỉnh có 746 HTX.",
    }
    path.write_text(
        "\n".join(
            [
                json.dumps(good, ensure_ascii=False),
                "{not json",
                json.dumps({"id": "x2"}),
                json.dumps({**good, "id": "x3"}, ensure_ascii=False),
            ]
        ),
        encoding="utf-8",
    )
    items = _read(path)
    assert [getattr(i, "id", None) for i in items] == ["x1", None, None, "x3"]
    assert items[1].source == f"{path}:2" and items[1].reason.startswith("malformed JSON")
    assert items[2].reason == "record has no text"
    assert items[0].url == "https://example.org/a" and items[0].published == "2023-09-20"


def test_html_page_through_trafilatura(tmp_path):
    body = "".join(
        f"<p>Đoạn {i}: toàn tỉnh có {500 + i} hợp tác xã và nhiều thành viên tham gia sản xuất.</p>"
        for i in range(6)
    )
    html = (
        f"<html><head><title>HTX phát triển</title><meta name='author' content='Minh Chi'>"
        f"<meta property='article:published_time' content='2023-09-20'></head><body><nav>Trang chủ</nav>"
        f"<article><h1>HTX phát triển</h1>{body}</article><footer>Liên hệ quảng cáo</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (article,) = _read(tmp_path / "page.html")
    assert "toàn tỉnh có 500 hợp tác xã" in article.text and "quảng cáo" not in article.text
    assert article.published == "2023-09-20"


def test_a_bad_file_in_a_batch_does_not_stop_it_or_touch_the_store(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text(
        (SEEDS / "000_18207d1d6100cecb.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    store = tmp_path / "store"
    run("build", folder, "--store", store, "-q")
    before = sorted(str(q) for q in open_store(store, read_only=True))
    (folder / "zz-bad.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "aa-empty.txt").write_bytes(b"")
    out = run("build", folder, "--store", store, "-q").output
    assert (
        "failed: " in out and "zz-bad.txt: binary file, not text" in out and "aa-empty.txt: empty file" in out
    )
    assert "read 3, built 0, skipped 1 (unchanged), failed 2" in out
    assert sorted(str(q) for q in open_store(store, read_only=True)) == before


def test_page_furniture_is_cut_and_every_sentence_kept():
    lines = [
        "Multimedia Đọc Báo in",
        "Thứ 2, 05/06/2023, 17:46[GMT+7]",
        "Tổng kết năm 2020",
        "Thứ 6, 22/01/2021 | 15:34:48",
        "7,726 lượt xem",
        "Sáng 22/1, Liên minh HTX tỉnh tổ chức hội nghị.",
        "Các đại biểu dự hội nghị",
        "Các đại biểu dự hội nghị.",
        "AdvertisementÔng Lê Văn A phát biểu. Ảnh: TTXVN Năm nay có 40 HTX.",
        "Tác giả bài viết: Trần Hiền/Trung tâm KHCN",
        "Tổng số điểm của bài viết là: 0 trong 0 đánh giá",
        "Những tin mới hơn",
        "HTX khác có 999 thành viên",
    ]
    page = clean_lines(lines)
    assert page.title == "Tổng kết năm 2020"
    assert page.published == "2021-01-22T15:34:48"  # not the page-view clock above the headline
    assert page.authors == ["Trần Hiền"]
    assert page.body == [
        "Sáng 22/1, Liên minh HTX tỉnh tổ chức hội nghị.",
        "Các đại biểu dự hội nghị",
        "Ông Lê Văn A phát biểu.",  # the caption ends at its credit
        "Năm nay có 40 HTX.",
    ]
    assert "999" in page.tail


def test_bylines_at_the_end():
    assert clean_lines(["Tiêu đề bài viết dài", "Nội dung.", "Minh Chi – Phương Thảo"]).authors == [
        "Minh Chi",
        "Phương Thảo",
    ]
    assert clean_lines(["Tiêu đề bài viết dài", "Nội dung.", "Việt Lâm"]).authors == ["Việt Lâm"]


def test_widgets_of_other_sites_are_cut_but_sentences_using_their_words_are_kept():
    lines = [
        "Tiêu đề bài viết về HTX",
        "Trang chủ > Tin tức > Kinh tế",
        "Cỡ chữ",
        "Lượt xem: 1.234",
        "Đánh giá bài viết của bạn mới là điều cần thiết, ông Lê Văn A cho biết.",
        "Bình luận của ông về việc chia sẻ lợi nhuận trong HTX rất đáng chú ý.",
        "Chia sẻ bài viết",
        "Tin cùng chuyên mục",
        "HTX khác có 12 thành viên",
    ]
    page = clean_lines(lines)
    assert page.body == lines[4:6]


def test_records_of_the_wrong_shape_fail_alone_with_file_and_line(tmp_path):
    path = tmp_path / "batch.jsonl"
    good = {"title": "Hội nghị HTX", "published": "2023-09-20", "text": "Toàn tỉnh Gia Lai có 746 HTX."}
    bad = {
        150: {"title": 12},
        300: {"published": ["2023"]},
        450: {"url": {"href": "x"}},
        500: {"id": ["a"]},
        550: {"text": "\ud800 lone surrogate"},
    }
    lines = [json.dumps({**good, "id": f"r{i}", **bad.get(i, {})}) for i in range(1, 601)]
    lines[199] = "[" * 100_000 + "]" * 100_000  # line 200: nested deeper than any parser goes
    lines[249] = '{"id": "big", "text": "' + "9" * 5000 + '", "n": ' + "9" * 5000 + "}"  # line 250
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    out = run("build", path, "--store", store, "-q").output
    assert "read 600, built 593, skipped 0 (unchanged), failed 7" in out
    for line, reason in [
        (150, "record's title is a number, not text"),
        (200, "malformed JSON (nested too deeply)"),
        (250, "malformed JSON ("),
        (300, "record's published is a list, not text"),
        (450, "record's url is an object, not text"),
        (500, "record's id is a list, not text"),
        (550, "record's text holds an unpaired surrogate"),
    ]:
        assert f"failed: {path}:{line}: {reason}" in out, line
    assert "holds 593 articles" in out


def _fifo(path):
    os.mkfifo(path)
    return path


def test_only_regular_files_are_read_and_everything_left_out_is_reported(tmp_path):
    """A named pipe (which would hang), /dev/zero (which would fill memory), links out of the folder,
    broken links and a folder that cannot be read: each reported, the rest built."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(PAGE, encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "ok.txt").write_text(PAGE, encoding="utf-8")
    (folder / "utf32.txt").write_bytes(PAGE.replace("445", "446").encode("utf-32"))
    (folder / "link-in.txt").symlink_to(folder / "ok.txt")
    (folder / "link-out.txt").symlink_to(outside / "secret.txt")
    (folder / "broken.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    _fifo(folder / "pipe.txt")
    locked = folder / "sub" / "locked"
    locked.mkdir()
    (locked / "page.txt").write_text(PAGE, encoding="utf-8")
    locked.chmod(0)
    store = tmp_path / "store"
    # as a process, with the rights of an ordinary user even under root (who reads any folder)
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
    if drop and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: an unreadable folder cannot be made")
    proc = subprocess.run(
        [
            *drop,
            sys.executable,
            "-m",
            "kg",
            "build",
            str(folder),
            str(_fifo(tmp_path / "named.txt")),
            "/dev/zero",
            "--store",
            str(store),
            "-q",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    locked.chmod(0o755)
    assert proc.returncode == 0, proc.stderr
    assert (
        f"failed: {tmp_path / 'named.txt'}: not a regular file (a named pipe); only files are read"
        in proc.stderr
    )
    assert "failed: /dev/zero: not a regular file (a device); only files are read" in proc.stderr
    assert f"failed: {folder / 'pipe.txt'}: not a regular file (a named pipe)" in proc.stderr
    assert f"failed: {folder / 'zero.txt'}: symbolic link to /dev/zero, outside {folder}" in proc.stderr
    assert (
        f"failed: {folder / 'link-out.txt'}: symbolic link to {outside / 'secret.txt'}, outside {folder}; --follow-links follows it"
        in proc.stderr
    )
    assert f"failed: {folder / 'broken.txt'}: broken symbolic link" in proc.stderr
    assert f"failed: {locked}: cannot read the folder: Permission denied" in proc.stderr
    assert "read 10, built 3, skipped 0 (unchanged), failed 7" in proc.stdout  # ok, link-in, utf32
    titles = {r["title"] for r in _articles(store)}
    assert titles == {"Tiêu đề bài viết về hợp tác xã"}
    (utf32,) = (r for r in _articles(store) if r["articleId"] == "utf32")
    assert utf32["figures"] == "1"
    out = run(
        "build", folder / "link-out.txt", folder, "--store", tmp_path / "s2", "--follow-links", "-q", ok=False
    ).output
    assert "link-out.txt: symbolic link" not in out and "secret" not in out


def _articles(store):
    data = json.loads(run("query", "articles", "--store", store, "--format", "json").output)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def test_a_page_of_navigation_and_footer_is_not_an_article(tmp_path):
    (tmp_path / "home.html").write_text(
        "<html><head><meta charset='utf-8'><title>Trang chủ</title></head><body>"
        "<div id='menu'><ul><li><a href='/'>Trang chủ</a></li><li><a href='/tin'>Tin tức</a></li>"
        "<li><a href='/htx'>Hợp tác xã</a></li><li><a href='/lh'>Liên hệ</a></li></ul></div>"
        "<div id='bottom'><p>Cơ quan chủ quản: Liên minh Hợp tác xã tỉnh Đắk Lắk. Chịu trách nhiệm nội dung: "
        "Chánh Văn phòng Liên minh.</p><p>Địa chỉ: 12 Lê Duẩn, thành phố Buôn Ma Thuột, tỉnh Đắk Lắk. "
        "Điện thoại: 0262 3852 123. Email: lmhtx@daklak.gov.vn.</p><p>Copyright © 2019 Liên minh HTX tỉnh "
        "Đắk Lắk. Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div></body></html>",
        encoding="utf-8",
    )
    out = run("build", tmp_path / "home.html", "--store", tmp_path / "store", "-q").output
    assert f"failed: {tmp_path / 'home.html'}: no article text after removing page furniture" in out
    assert "built 0" in out


def test_a_big_single_paragraph_makes_a_graph_in_proportion_to_it(tmp_path):
    """One paragraph of many figures, with no full stop to cut it: what is stored grows with the
    text (linear), not with the text times the number of facts found in it. Measured in bytes
    stored, not in seconds; the time is bench/run.py's to report."""
    folder = tmp_path / "in"
    folder.mkdir()
    rows = [
        f"tỉnh Đắk Lắk có {100 + i % 800} HTX, {1000 + i % 9000} thành viên và {i % 90 + 1},5% hộ nghèo"
        for i in range(2000)
    ]
    for name, n in (("small", 100), ("large", 400)):
        (folder / f"{name}.txt").write_text(
            "Tổng kết kinh tế tập thể năm 2023\n\n" + "; ".join(rows[:n]) + ".\n", encoding="utf-8"
        )
    store = tmp_path / "store"
    assert "built 2" in run("build", folder, "--store", store, "-q").output
    sizes = {}
    for name in ("small", "large"):
        query = (
            "SELECT (SUM(STRLEN(STR(?o))) AS ?n) WHERE { GRAPH <https://w3id.org/coop-kg/id/graph/"
            f"{name}> {{ ?s ?p ?o }} }}"
        )
        data = json.loads(run("query", query, "--store", store, "--format", "json").output)
        sizes[name] = int(data["results"]["bindings"][0]["n"]["value"])
    text = {n: (folder / f"{n}.txt").stat().st_size for n in ("small", "large")}
    assert sizes["large"] / sizes["small"] < 1.5 * text["large"] / text["small"], sizes
