"""Pages as they really come: site headers before the article, stamps in many places, bylines,
photo credits and captions, and the page's furniture after it. Each page here is written for
the test, in the shapes the genre's sites print."""

from __future__ import annotations

import json
from decimal import Decimal

from conftest import run

import kg
from kg.article import read_paths
from kg.clean import clean_lines, split_glued
from kg.errors import InputError

LEDE = (
    "Sáng 13/3, Liên minh Hợp tác xã tỉnh Hà Tĩnh tổ chức hội nghị tổng kết hoạt động năm 2023 "
    "với sự tham dự của đại diện 120 hợp tác xã trên địa bàn."
)
BODY = "Năm 2023, toàn tỉnh thành lập mới 45 hợp tác xã, nâng tổng số lên 612 hợp tác xã."
HEADLINE = "Hà Tĩnh: Hợp tác xã nông nghiệp tăng cả về số lượng và chất lượng"


def _page(*lines: str):
    return clean_lines(list(lines))


# --- the headline and the stamp -------------------------------------------------------------


def test_headline_after_the_site_name_menus_clock_and_breadcrumb():
    page = _page(
        "BÁO HÀ TĨNH ĐIỆN TỬ",
        "Thời sự | Chính trị | Kinh tế | Xã hội | Văn hóa | Thể thao | Hà Tĩnh 24h",
        "Tìm kiếm...",
        "Thứ Tư, 20/03/2024 - 21:05",  # the site's clock: the day the page was viewed
        "Kinh tế » Nông nghiệp",
        HEADLINE,
        "Thứ Năm, 14/03/2024 - 08:30",
        LEDE,
        BODY,
    )
    assert page.title == HEADLINE
    assert page.published == "2024-03-14T08:30"
    assert page.body == [LEDE, BODY]


def test_headline_under_a_menu_printed_down_the_page_and_a_breadcrumb_label():
    page = _page(
        "LIÊN MINH HỢP TÁC XÃ TỈNH HÀ TĨNH",
        "Trang chủ",
        "Giới thiệu",
        "Tin hoạt động",
        "Văn bản - Chính sách",
        "Liên hệ",
        "Bạn đang ở: Trang chủ › Tin hoạt động",
        "HỘI NGHỊ TỔNG KẾT HOẠT ĐỘNG LIÊN MINH HỢP TÁC XÃ TỈNH NĂM 2023",
        "Ngày đăng: 14/03/2024 | Người đăng: Văn phòng | Lượt xem: 1.204",
        LEDE,
    )
    assert page.title == "HỘI NGHỊ TỔNG KẾT HOẠT ĐỘNG LIÊN MINH HỢP TÁC XÃ TỈNH NĂM 2023"
    assert page.published == "2024-03-14"
    assert page.authors == [] and page.body == [LEDE]


def test_a_stamp_above_the_headline_inside_the_article_header_is_the_stamp():
    # a section label that repeats a menu item, then the stamp, then the headline
    page = _page(
        "Thời sự | Kinh tế | Nông thôn mới | Hợp tác xã | Pháp luật",
        "Hợp tác xã",
        "Cập nhật lúc 10:15 ngày 02/11/2022",
        "Liên minh HTX tỉnh ký kết chương trình phối hợp với Hội Nông dân tỉnh",
        LEDE,
    )
    assert page.title == "Liên minh HTX tỉnh ký kết chương trình phối hợp với Hội Nông dân tỉnh"
    assert page.published == "2022-11-02T10:15"


def test_a_clock_above_the_menus_is_not_the_stamp():
    page = _page(
        "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH QUẢNG BÌNH",
        "Thứ Sáu, 05/12/2025",
        "Trang chủ | Giới thiệu | Tin tức - Sự kiện | Văn bản | Hỏi đáp",
        "Tin tức - Sự kiện » Kinh tế",
        "Quảng Bình có thêm 12 hợp tác xã đạt chuẩn kiểu mới",
        LEDE,
    )
    assert page.title == "Quảng Bình có thêm 12 hợp tác xã đạt chuẩn kiểu mới"
    assert page.published is None


def test_a_photo_caption_under_the_stamp_is_not_the_headline():
    caption = "Ông Trần Văn Nam, Chủ tịch Liên minh HTX tỉnh phát biểu tại hội nghị"
    page = _page(
        "KINH TẾ",
        HEADLINE,
        "Cập nhật lúc 15:10 ngày 14/03/2024",
        caption,
        LEDE,
    )
    assert page.title == HEADLINE
    assert page.body == [caption, LEDE]  # captions name people and their posts: kept as text


def test_bylines_on_the_stamp_line_and_between_headline_and_stamp():
    page = _page(HEADLINE, "14-03-2024 08:30:12 | Minh Chi | Lượt xem: 321", LEDE)
    assert (page.published, page.authors) == ("2024-03-14T08:30:12", ["Minh Chi"])
    page = _page(HEADLINE, "14/03/2024   TRẦN HẢI YẾN", LEDE)
    assert page.authors == ["Trần Hải Yến"]
    page = _page(HEADLINE, "Ngọc Lan", "Thứ hai, ngày 14 tháng 03 năm 2024", LEDE)
    assert (page.published, page.authors, page.body) == ("2024-03-14", ["Ngọc Lan"], [LEDE])


def test_toolbars_and_site_labels_between_headline_and_text_are_dropped():
    page = _page(
        "Đăng nhập   |   Đăng ký   |   Báo in",
        "Tạp chí Kinh tế Hợp tác",
        HEADLINE,
        "Cỡ chữ   A-   A+   In bài   Chia sẻ",
        "KTHT",
        "14/03/2024 08:30 GMT+7",
        LEDE,
        "A A",
        BODY,
    )
    assert page.title == HEADLINE and page.published == "2024-03-14T08:30"
    assert page.body == [LEDE, BODY]


def test_a_question_headline_is_not_the_text():
    page = _page("Trang chủ > Hợp tác xã", "Vì sao nhiều hợp tác xã vẫn chưa tiếp cận được vốn vay?", LEDE)
    assert page.title == "Vì sao nhiều hợp tác xã vẫn chưa tiếp cận được vốn vay?"


def test_a_page_with_no_stamp_has_no_publication_date():
    page = _page("Trang chủ / Tin tức", HEADLINE, LEDE, BODY)
    assert (page.title, page.published) == (HEADLINE, None)


# --- after the article ----------------------------------------------------------------------


def test_related_lists_comments_and_footers_are_not_the_article():
    page = _page(
        HEADLINE,
        "14/03/2024",
        LEDE,
        BODY,
        "CÙNG CHUYÊN MỤC",
        "• Nghệ An: 300 hợp tác xã tham gia chuỗi liên kết",
        "• Hội chợ OCOP thu hút 250 gian hàng",
        "Bình luận (0)",
        "Họ tên | Email | Nội dung",
        "Cơ quan chủ quản: UBND tỉnh Hà Tĩnh",
        "Lượt truy cập: 12.345.678",
    )
    assert page.body == [LEDE, BODY]
    assert "250 gian hàng" in page.tail and "12.345.678" in page.tail


def test_a_dated_list_of_teasers_ends_the_article_even_without_a_heading():
    page = _page(
        HEADLINE,
        LEDE,
        BODY,
        "- Hội nghị Ban Thường vụ Liên minh HTX tỉnh lần thứ 8 (16/01/2024)",
        "- Tập huấn cho 80 cán bộ quản lý hợp tác xã (10/01/2024)",
        "- Trao 25 suất quà Tết cho thành viên khó khăn (05/01/2024)",
    )
    assert page.body == [LEDE, BODY] and "80 cán bộ" in page.tail


def test_a_list_inside_the_article_is_kept():
    items = [
        "- Thành lập mới 45 hợp tác xã",
        "- Hỗ trợ 12 hợp tác xã chuyển đổi số",
        "- Tập huấn cho 300 thành viên",
    ]
    page = _page(HEADLINE, LEDE, "Kết quả nổi bật trong năm:", *items, BODY)
    assert page.body == [LEDE, "Kết quả nổi bật trong năm:", *items, BODY]


def test_teasers_printed_inside_the_text_repeat_the_related_list():
    teaser = "Giá lúa tăng 300 đồng/kg sau đợt mưa lớn"
    page = _page(
        HEADLINE, LEDE, teaser, BODY, "Tin liên quan", teaser, "Xuất khẩu gạo quý I đạt 1,8 triệu tấn"
    )
    assert page.body == [LEDE, BODY]


def test_counters_and_rating_widgets_are_dropped_wherever_they_stand():
    page = _page(
        HEADLINE,
        LEDE,
        "Đang truy cập: 27",
        "0 trong 0 đánh giá",
        BODY,
        "Tổng lượt truy cập: 1.845.210",
    )
    assert page.body == [LEDE, BODY]


def test_no_number_of_the_furniture_becomes_a_fact():
    page = "\n".join(
        [
            "Trang chủ | Tin tức | Hợp tác xã | Lượt truy cập: 9.999.999",
            HEADLINE,
            "Thứ Năm, 14/03/2024 - 08:30 | Lượt xem: 8.888",
            LEDE,
            BODY,
            "Tin cùng chuyên mục",
            "- Lai Châu: 777 hợp tác xã tham gia chuỗi giá trị (12/03/2024)",
            "- Thái Bình có 666 hợp tác xã dịch vụ nông nghiệp (11/03/2024)",
            "0 bình luận",
            "Đang online: 555",
        ]
    )
    doc = kg.extract(page)
    values = {f.value for f in doc.figures}
    assert Decimal(612) in values
    assert not values & {Decimal(v) for v in (9999999, 8888, 777, 666, 555)}
    assert doc.article.title == HEADLINE and doc.article.published == "2024-03-14T08:30"


# --- bylines, credits and captions ----------------------------------------------------------


def test_closing_signatures_become_authors_or_are_dropped():
    for signature, authors in [
        ("HÀ THU", ["Hà Thu"]),
        ("Minh Chi – Phương Thảo", ["Minh Chi", "Phương Thảo"]),
        ("Tin, ảnh: Nguyễn Văn Bình", ["Nguyễn Văn Bình"]),
        ("TTXVN", []),
        ("Theo Báo Nông nghiệp", []),
        ("Phòng Tuyên truyền", []),
        ("Nhóm PV Kinh tế (tổng hợp)", []),
    ]:
        page = _page(HEADLINE, LEDE, BODY, signature, "Tin liên quan", "- Bài khác")
        assert (page.body, page.authors) == ([LEDE, BODY], authors), signature


def test_a_signature_glued_to_the_last_paragraph_is_cut_off():
    page = clean_lines([LEDE, BODY + " Thanh Hiền"], title=HEADLINE)
    assert (page.body, page.authors) == ([LEDE, BODY], ["Thanh Hiền"])
    page = clean_lines([LEDE, BODY + "/. Theo Thế Anh/Người đưa tin"], title=HEADLINE)
    assert page.authors == ["Thế Anh"] and page.body[-1].endswith("612 hợp tác xã./.")
    page = clean_lines([LEDE, BODY + " Theo VnExpress"], title=HEADLINE)
    assert (page.body, page.authors) == ([LEDE, BODY], [])


def test_a_photo_credit_ends_its_caption_and_never_names_a_person():
    line = "Toàn cảnh hội nghị tổng kết Ảnh: Vũ Dũng/VOV Năm 2023, toàn tỉnh thành lập mới 45 hợp tác xã."
    page = clean_lines([LEDE, line, "(Ảnh: Lê Minh Hà)"], title=HEADLINE)
    assert page.body == [
        LEDE,
        "Toàn cảnh hội nghị tổng kết",
        "Năm 2023, toàn tỉnh thành lập mới 45 hợp tác xã.",
    ]
    assert page.authors == []
    doc = kg.extract(
        kg.Article(id="c", source="test", text=page.text, title=HEADLINE, published="2024-03-14")
    )
    assert not {p for p in doc.people if "Dũng" in p.name or "Hà" in p.name.split()}


def test_a_caption_without_a_full_stop_does_not_swallow_the_next_sentence():
    assert split_glued(
        "Phó Chủ tịch UBND tỉnh Nguyễn Văn Hải phát biểu Sáng 13/3, Liên minh HTX tỉnh tổ chức hội nghị."
    ) == [
        "Phó Chủ tịch UBND tỉnh Nguyễn Văn Hải phát biểu",
        "Sáng 13/3, Liên minh HTX tỉnh tổ chức hội nghị.",
    ]
    assert split_glued(
        "Hợp tác xã vượt khó sau bão Theo báo cáo của Liên minh HTX tỉnh, 30 hợp tác xã bị thiệt hại."
    ) == ["Hợp tác xã vượt khó sau bão", "Theo báo cáo của Liên minh HTX tỉnh, 30 hợp tác xã bị thiệt hại."]
    # a capitalised word inside a name or after a word that links on is not a new sentence
    for line in (
        "Hội nghị diễn ra vào thứ Năm 14/3 tại hội trường của Liên minh HTX tỉnh Hà Tĩnh.",
        "Hợp đồng thế chấp đã ký với Bên nhận thế chấp gồm 3 ngân hàng thương mại.",
        "Cán bộ huyện Đông Anh Nguyễn Văn Hùng cho biết hợp tác xã đã có lãi.",
    ):
        assert split_glued(line) == [line]


def test_a_repeated_caption_counts_once_and_a_bracketed_caption_is_read():
    page = clean_lines(
        [
            LEDE,
            "Các đại biểu tham quan gian hàng của hợp tác xã",
            BODY,
            "Các đại biểu tham quan gian hàng của hợp tác xã.",
            "( Hình ảnh : Quang cảnh buổi làm việc tại UBND huyện )",
        ],
        title=HEADLINE,
    )
    assert page.body == [
        LEDE,
        "Các đại biểu tham quan gian hàng của hợp tác xã",
        BODY,
        "Quang cảnh buổi làm việc tại UBND huyện",
    ]


# --- HTML pages and JSON Lines --------------------------------------------------------------

_HTML = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title} - Báo Hà Tĩnh</title>
<meta property="og:title" content="{title}">{meta}</head><body>
<div class="topbar"><span class="date">Thứ Tư, 20/03/2024</span> <a href="/en">English</a></div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/kt">Kinh tế</a></li><li><a href="/xh">Xã hội</a></li></ul></nav>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/kt">Kinh tế</a></div>
<article><h1>{title}</h1>{stamp}
<p class="sapo"><strong>{lede}</strong></p>
{paragraphs}
<p class="author"><strong>PV</strong></p></article>
<aside><h3>Tin cùng chuyên mục</h3><ul><li><a href="/a">Nghệ An: 300 hợp tác xã tham gia chuỗi liên kết</a>
<span>(16/03/2024)</span></li></ul></aside>
<footer><p>Bản quyền thuộc Báo Hà Tĩnh. Lượt truy cập: 12.345.678</p></footer></body></html>"""


def _html(tmp_path, name: str, *, meta: str = "", stamp: str = "") -> object:
    paragraphs = "".join(
        f"<p>Đoạn {i}: năm 2023 toàn tỉnh có {600 + i} hợp tác xã với hơn 52.000 thành viên tham gia sản xuất.</p>"
        for i in range(5)
    )
    path = tmp_path / name
    path.write_text(
        _HTML.format(title=HEADLINE, meta=meta, stamp=stamp, lede=LEDE, paragraphs=paragraphs),
        encoding="utf-8",
    )
    return path


def test_html_stamp_by_the_headline_beats_the_top_bar_clock(tmp_path):
    path = _html(
        tmp_path,
        "a.html",
        stamp='<div class="meta">08:30 - Thứ Năm, 14/03/2024 <span>Lượt xem: 321</span></div>',
    )
    (article,) = read_paths([path])
    assert (article.title, article.published) == (HEADLINE, "2024-03-14T08:30")
    assert "12.345.678" not in article.text and "300 hợp tác xã" not in article.text


def test_html_publication_metadata_where_the_page_prints_no_stamp(tmp_path):
    meta = '<meta property="article:published_time" content="2024-03-14T08:30:00+07:00">'
    (article,) = read_paths([_html(tmp_path, "b.html", meta=meta)])
    assert article.published == "2024-03-14T08:30:00"
    (article,) = read_paths([_html(tmp_path, "c.html")])
    assert article.published is None  # not the clock of the top bar


def test_html_authors_are_people_not_offices(tmp_path):
    meta = '<meta name="author" content="Văn phòng Liên minh HTX tỉnh; Ngọc Lan">'
    (article,) = read_paths([_html(tmp_path, "d.html", meta=meta)])
    assert article.authors == ["Ngọc Lan"]


def test_html_photo_captions_are_text_and_their_credits_are_not(tmp_path):
    path = _html(tmp_path, "e.html")
    html = path.read_text(encoding="utf-8").replace(
        '<p class="author">',
        '<figure><img src="/a.jpg" alt=""><figcaption>Ông Trần Văn Hòa, Giám đốc HTX Thành Công trao '
        "quà cho thành viên. Ảnh: Ngọc Lan</figcaption></figure>"
        '<p class="author">',
    )
    path.write_text(html, encoding="utf-8")
    (article,) = read_paths([path])
    assert "Ông Trần Văn Hòa, Giám đốc HTX Thành Công trao quà cho thành viên." in article.text
    assert "Ngọc Lan" not in article.text


def test_html_lead_in_its_own_block_beside_the_body_is_kept(tmp_path):
    body = "".join(
        f"<p>Đoạn {i}: trong nhiệm kỳ, toàn tỉnh thành lập mới {30 + i} hợp tác xã với hàng nghìn thành viên.</p>"
        for i in range(5)
    )
    lead = "Ngày 12/3, Liên minh HTX tỉnh Sóc Trăng tổ chức Đại hội đại biểu thành viên lần thứ VI, nhiệm kỳ 2025 - 2030."
    path = tmp_path / "f.html"
    path.write_text(
        f"<html><head><title>Đại hội Liên minh HTX tỉnh Sóc Trăng</title></head><body><div id='main'>"
        f"<h1>Đại hội Liên minh HTX tỉnh Sóc Trăng</h1><div class='sapo'>{lead}</div>"
        f"<div class='article-body'>{body}</div></div></body></html>",
        encoding="utf-8",
    )
    (article,) = read_paths([path])
    assert article.text.startswith(lead) and article.text.count(lead) == 1


def test_an_html_page_with_only_navigation_is_refused_with_one_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "home.html").write_text(
        "<html><head><title>Trang chủ - Liên minh HTX tỉnh Quảng Bình</title></head><body>"
        "<nav><ul><li><a href='/'>Trang chủ</a></li><li><a href='/gt'>Giới thiệu</a></li>"
        "<li><a href='/tt'>Tin tức - Sự kiện</a></li></ul></nav><main><h2>Tin tức - Sự kiện</h2>"
        + "".join(
            f"<div><h3><a href='/t/{i}'>Liên minh HTX tỉnh tổ chức hội nghị số {i}</a></h3>"
            f"<p>Sáng {i + 1}/3, Liên minh HTX tỉnh tổ chức hội nghị với {100 + i} đại biểu của các hợp tác xã.</p></div>"
            for i in range(5)
        )
        + "</main><footer><p>Bản quyền thuộc về Liên minh Hợp tác xã tỉnh Quảng Bình.</p></footer></body></html>",
        encoding="utf-8",
    )
    (folder / "nav.html").write_text(
        "<html><head><title>Trang chủ</title></head><body><nav><a href='/'>Trang chủ</a> | "
        "<a href='/a'>Giới thiệu</a></nav><footer><p>Cơ quan chủ quản: Liên minh HTX tỉnh. "
        "Điện thoại: 0232 3822 145.</p></footer></body></html>",
        encoding="utf-8",
    )
    _html(folder, "ok.html", stamp="<p>14/03/2024 08:30</p>")
    items = list(read_paths([folder]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert sorted(e.source.rsplit("/", 1)[-1] for e in errors) == ["home.html", "nav.html"]
    assert all(e.reason.startswith("no article text after removing page furniture") for e in errors)
    assert all("\n" not in e.reason for e in errors)
    out = run("build", folder, "--store", tmp_path / "store", "-q").output
    assert "home.html: no article text after removing page furniture (the title is 'Trang chủ')" in out
    assert "built 1" in out and "failed 2" in out


def test_json_lines_keep_their_own_title_and_date(tmp_path):
    path = tmp_path / "batch.jsonl"
    record = {
        "id": "r1",
        "title": HEADLINE,
        "published": "2024-03-14",
        "text": f"Thứ Tư, 20/03/2024\n{LEDE}\n{BODY} Ngọc Lan",
    }
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    (article,) = read_paths([path])
    assert (article.title, article.published, article.authors) == (HEADLINE, "2024-03-14", ["Ngọc Lan"])
    assert article.text == f"{LEDE}\n{BODY}"


# --- the kind, not the instance: every combination of the parts sites print -----------------

_TOPS = [
    [],
    ["BÁO QUẢNG TRỊ ĐIỆN TỬ"],
    ["Cổng thông tin điện tử tỉnh Gia Lai", "Tiếng Việt | English"],
    ["LIÊN MINH HỢP TÁC XÃ TỈNH NINH THUẬN", "Trang chủ", "Giới thiệu", "Tin hoạt động", "Liên hệ"],
]
_CLOCKS = [[], ["Thứ Hai, 25/03/2024"], ["Thứ hai, ngày 25 tháng 3 năm 2024"], ["25/03/2024 09:12"]]
_MENUS = [
    ["Thời sự | Kinh tế | Xã hội | Hợp tác xã | Video"],
    ["Trang chủ   Thời sự   Kinh tế   Nông nghiệp   Đời sống"],
    ["Đăng nhập | Đăng ký", "Thời sự - Kinh tế - Xã hội - Văn hóa - Thể thao - Pháp luật"],
]
_CRUMBS = [
    [],
    ["Kinh tế » Hợp tác xã"],
    ["Trang chủ > Tin tức > Kinh tế"],
    ["Bạn đang ở: Trang chủ / Tin hoạt động"],
]
_LABELS = [[], ["Kinh tế"], ["HỢP TÁC XÃ"]]
_HEADLINES = [
    "Ninh Thuận: Hợp tác xã nho Phước Dân tăng thu nhập cho thành viên",
    "HỘI NGHỊ BAN CHẤP HÀNH LIÊN MINH HỢP TÁC XÃ TỈNH LẦN THỨ 9",
    "Làm gì để hợp tác xã nông nghiệp vươn ra thị trường lớn?",
    "Trao chứng nhận OCOP cho 18 sản phẩm của các hợp tác xã",
]
_STAMPS = [
    ("08:30, 14/03/2024", "2024-03-14T08:30"),
    ("Cập nhật lúc 10:15 ngày 14/03/2024", "2024-03-14T10:15"),
    ("Thứ Năm, 14/03/2024 - 08:15", "2024-03-14T08:15"),
    ("Thứ năm, ngày 14 tháng 03 năm 2024", "2024-03-14"),
    ("14-03-2024 08:30:12", "2024-03-14T08:30:12"),
    ("14/03/2024 16:05 | Lê Hoa | Lượt xem: 846", "2024-03-14T16:05"),
    ("Ngày đăng: 14/03/2024 | Lượt xem: 217", "2024-03-14"),
    ("(14/03/2024)", "2024-03-14"),
]
_BETWEEN = [[], ["Cỡ chữ   A-   A+   In bài   Chia sẻ"], ["Ngọc Lan"]]


def _combinations(n: int):
    import itertools
    import random

    every = list(
        itertools.product(
            _TOPS,
            _CLOCKS,
            _MENUS,
            _CRUMBS,
            _LABELS,
            _HEADLINES,
            _STAMPS,
            _BETWEEN,
            ["after", "above", "none"],
        )
    )
    return random.Random(15).sample(every, n)


def test_headline_and_stamp_in_every_arrangement_of_a_page_header():
    for top, clock, menu, crumb, label, headline, (stamp, iso), between, place in _combinations(400):
        head = [*top, *clock, *menu, *crumb, *label]
        if place == "after":
            lines = [*head, headline, *between, stamp]
        elif place == "above":
            lines = [*head, stamp, headline, *between]
        else:
            lines = [*head, headline, *between]
        page = clean_lines([*lines, LEDE, BODY, "Tin liên quan", "- Bài khác (12/03/2024)"])
        want = None if place == "none" else iso
        assert (page.title, page.published, page.body) == (headline, want, [LEDE, BODY]), lines


def test_html_whose_title_is_the_site_name_reads_its_headline_from_the_page(tmp_path):
    paragraphs = "".join(f"<p>Đoạn {i}: {LEDE}</p>" for i in range(4))
    page = tmp_path / "portal.html"
    page.write_text(
        "<html><head><title>Cổng thông tin điện tử tỉnh Hà Tĩnh</title></head><body>"
        "<div class='top'>Thứ Tư, 20/03/2024</div><nav><a>Trang chủ</a> | <a>Kinh tế</a> | <a>Xã hội</a></nav>"
        f"<div class='title'>{HEADLINE}</div><div class='date'>14/03/2024 08:30</div>{paragraphs}</body></html>",
        encoding="utf-8",
    )
    (article,) = read_paths([page])
    assert (article.title, article.published) == (HEADLINE, "2024-03-14T08:30")
    listing = tmp_path / "index.html"
    listing.write_text(
        "<html><head><title>Báo Hà Tĩnh</title></head><body><nav><a>Trang chủ</a> | <a>Kinh tế</a></nav>"
        + "".join(
            f"<div><h3><a>Liên minh HTX tỉnh tổ chức hội nghị tổng kết lần {i}</a></h3><span>1{i}/03/2024</span>"
            f"<p>Sáng {i + 1}/3, Liên minh HTX tỉnh tổ chức hội nghị với {100 + i} đại biểu hợp tác xã.</p></div>"
            for i in range(5)
        )
        + "</body></html>",
        encoding="utf-8",
    )
    (error,) = read_paths([listing])
    assert isinstance(error, InputError) and error.reason.startswith(
        "no article text after removing page furniture"
    )


def test_a_closing_sentence_ending_in_an_abbreviated_place_is_not_a_byline():
    page = _page(HEADLINE, BODY, "Đơn vị đã ký kết hợp tác với Liên hiệp HTX thương mại TP. Hồ Chí Minh.")
    assert page.text.endswith("TP. Hồ Chí Minh.") and page.authors == []
