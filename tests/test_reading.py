"""Reading articles as they really come: encodings, formats, page furniture, bad input."""

from __future__ import annotations

import json

from conftest import SEEDS, run

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
        "Ông Lê Văn A phát biểu. Năm nay có 40 HTX.",
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
