"""Numbers and dates as Vietnamese news writes them."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from kg.extraction.dates import Reference, content_year, find_dates
from kg.extraction.numbers import find_quantities, parse_number
from kg.text import Stamp, ascii_fold, fold, normalize_text, parse_stamp, period_end, read_stamp


@pytest.mark.parametrize(
    "text, value, value_max, unit, qualifier",
    [
        ("64.000 thành viên", "64000", None, "count", "exact"),
        ("5.046 lượt người", "5046", None, "count", "exact"),
        ("2,5 tỷ đồng", "2500000000", None, "VND", "exact"),
        ("hơn 2,1 tỷ đồng", "2100000000", None, "VND", "more_than"),
        ("600 triệu đồng", "600000000", None, "VND", "exact"),
        ("trên 17 nghìn thành viên", "17000", None, "count", "more_than"),
        ("gần 30 nghìn lao động", "30000", None, "count", "nearly"),
        ("khoảng 145 HTX", "145", None, "count", "about"),
        ("ít nhất 30 – 40 HTX", "30", "40", "count", "at_least"),
        ("3,9% - 4,07%", "3.9", "4.07", "percent", "exact"),
        ("2,5 tỷ đồng/năm", "2500000000", None, "VND/year", "exact"),
        ("4,5 triệu đồng/người/tháng", "4500000", None, "VND/month", "exact"),
        ("từ 3-4 triệu đồng", "3000000", "4000000", "VND", "exact"),
        ("08 sản phẩm", "8", None, "count", "exact"),
        ("1,75 tỷ đồng", "1750000000", None, "VND", "exact"),
        ("7,726 lượt xem", "7726", None, "count", "exact"),
        ("100 triệu USD", "100000000", None, "USD", "exact"),
        ("20.000 tấn muối", "20000", None, "tấn", "exact"),
        ("giá 12.000 đồng/kg", "12000", None, "VND/kg", "exact"),
        ("năng suất 6 tấn/ha", "6", None, "tấn/ha", "exact"),
        ("150 triệu đồng/ha/năm", "150000000", None, "VND/ha/year", "exact"),
        ("5 sào lúa", "5", None, "sào", "exact"),
    ],
)
def test_quantities(text, value, value_max, unit, qualifier):
    (q,) = find_quantities(text)
    assert (str(q.value), q.value_max and str(q.value_max), q.unit, q.qualifier) == (
        value,
        value_max,
        unit,
        qualifier,
    )


def test_a_number_is_never_read_across_the_dot_comma_convention():
    assert parse_number("3,9") == Decimal("3.9")
    assert parse_number("64.000") == Decimal("64000")
    assert parse_number("7,726", whole=True) == Decimal("7726")
    assert find_quantities("7,726 tỷ đồng")[0].value == Decimal("7726000000")


def test_dates_and_fractions_are_not_quantities():
    assert find_quantities("ngày 08/4 có 49/53 dân tộc và công nghệ 4.0") == []


@pytest.mark.parametrize(
    "line, iso",
    [
        ("Thứ hai - 12/04/2021 04:03", "2021-04-12T04:03"),
        ("14:12, 20/09/2023", "2023-09-20T14:12"),
        ("Thứ 6, 22/01/2021 | 15:34:48", "2021-01-22T15:34:48"),
        ("Thứ 2, 05/06/2023, 17:46[GMT+7]", "2023-06-05T17:46"),
        ("Cập nhật: 10/07/2017", "2017-07-10"),
        ("08:30, 14/03/2024", "2024-03-14T08:30"),
        ("Cập nhật lúc 10:15 ngày 02/11/2022", "2022-11-02T10:15"),
        ("Thứ Sáu, 05/12/2025 - 08:15", "2025-12-05T08:15"),
        ("Thứ hai, ngày 14 tháng 03 năm 2024", "2024-03-14"),
        ("14-03-2024 08:30:12", "2024-03-14T08:30:12"),
        ("(21/10/2019)", "2019-10-21"),
        ("Đăng lúc: 07:05 - 21/10/2019", "2019-10-21T07:05"),
        ("Thứ Tư, 4-9-2019 14:20", "2019-09-04T14:20"),
        ("10h15 ngày 02/11/2022", "2022-11-02T10:15"),
        ("Lúc 9 giờ 40 phút, ngày 02/11/2022", "2022-11-02T09:40"),
        ("03/11/2022 02:15 PM", "2022-11-03T14:15"),
        ("Thứ Năm, 21/11/2019 17:02 (GMT+7)", "2019-11-21T17:02"),
        ("2024-03-14 08:30", "2024-03-14T08:30"),
        # a stamp line may carry a byline, a section, a counter or a poster
        ("14/03/2024 08:30 | Hồng Nhung | Lượt xem: 1.024", "2024-03-14T08:30"),
        ("Thứ bảy, 21/09/2019 06:50     |     Lượt xem: 95", "2019-09-21T06:50"),
        ("Ngày đăng: 21/09/2019 | Người đăng: Ban Biên tập | Lượt xem: 95", "2019-09-21"),
        ("21/09/2019   NGỌC LAN", "2019-09-21"),
        ("21-09-2019 | Nông nghiệp", "2019-09-21"),
        ("07:05 - Thứ Hai, 21/10/2019 Lượt xem: 3.210 In bài viết", "2019-10-21T07:05"),
        # two dates: the one posted, not the one updated
        ("Đăng: 10/10/2022 09:00 | Cập nhật: 12/10/2022 10:00", "2022-10-10T09:00"),
        # more than a stamp
        ("Sáng 20/9, UBND tỉnh tổ chức hội nghị", None),
        ("Ngày 25/9/2020, HTX Hòa Phong khai trương cửa hàng.", None),
        ("Ngày 25/9/2020 HTX Hòa Phong khai trương cửa hàng", None),
        ("Quyết định số 12/QĐ-UBND ngày 10/6/2020", None),
        ("Hội nghị tập huấn cho 120 cán bộ HTX (28/05/2022)", None),
        ("Thứ Tư 23/07/2025 09:40   Hotline: 0912.345.678   Email: toasoan@example.vn", None),
        ("31/02/2024", None),
    ],
)
def test_publication_stamps(line, iso):
    assert parse_stamp(line) == iso


def test_a_stamp_line_keeps_what_else_it_says():
    stamp = read_stamp("14/03/2024 08:30 | Hồng Nhung | Lượt xem: 1.024")
    assert stamp == Stamp("2024-03-14T08:30", ("Hồng Nhung", "Lượt xem: 1.024"))


def _dates(text, ref):
    return [(d.value, d.until, d.kind, d.resolution) for d in find_dates(text, ref)]


def test_partial_dates_resolve_against_the_publication_date():
    ref = Reference.from_published("2021-04-12T04:03", "")
    assert _dates("Chiều ngày 08/4, đoàn công tác làm việc", ref) == [
        ("2021-04-08", None, "day", "inferred-from-publication")
    ]
    assert _dates("từ ngày 05 đến ngày 07 tháng 4", ref) == [
        ("2021-04-05", "2021-04-07", "day", "inferred-from-publication")
    ]
    assert _dates("tháng 9/2023 và giai đoạn 2021 – 2025, năm 2023", ref) == [
        ("2023-09", None, "month", "stated"),
        ("2021", "2025", "period", "stated"),
        ("2023", None, "year", "stated"),
    ]
    january = Reference.from_published("2021-01-03", "")
    assert _dates("Sáng 28/12, hội nghị", january)[0][0] == "2020-12-28"
    assert _dates("Sáng nay (9/4), Liên minh HTX tỉnh khai mạc đại hội", ref)[0][:2] == ("2021-04-09", None)
    assert _dates("trong hai ngày 11 và 12/4, các đoàn công tác", ref)[0][:2] == ("2021-04-11", "2021-04-12")


def test_undated_article_takes_its_year_from_what_it_reports():
    text = "Năm 2023, toàn tỉnh có 116 HTX thành lập mới. Năm 2024 phấn đấu thành lập mới 60 HTX."
    assert content_year(text) == 2024
    # a year summed up as complete is over: the article is from a later year
    assert content_year("Tính đến hết năm 2016, toàn vùng có 908 HTX theo Luật HTX năm 2012.") == 2017
    assert content_year("Theo Luật Hợp tác xã năm 2012, các HTX phải đăng ký lại.") is None
    # a span looked back on ends in the article's year; a term written has begun; a plan has not
    assert content_year("Sau ba thập kỷ (1992 - 2022), Liên minh ra đời ngày 17/3/1992 đã lớn mạnh.") == 2022
    assert content_year("Đại hội nhiệm kỳ 2020 - 2025 bầu Ban Chấp hành; năm 2019 có 40 HTX.") == 2020
    assert content_year("Kế hoạch giai đoạn 2021 - 2025 được ban hành; năm 2017 có 40 HTX.") == 2021
    # "khó khăn năm 2016, chúng ta đã hoàn thành": done, not planned
    assert (
        content_year(
            "Bàn nhiệm vụ trọng tâm năm 2017. Trong bối cảnh khó khăn năm 2016, chúng ta đã hoàn thành kế hoạch."
        )
        == 2017
    )
    ref = Reference.from_published(None, text)
    assert _dates("Sáng 23/01, Liên minh HTX tỉnh tổ chức hội nghị", ref) == [
        ("2024-01-23", None, "day", "inferred-from-content")
    ]


def test_period_end_orders_periods_in_time():
    assert [period_end(p) for p in ("2023", "2023-09", "2021/2023", "2021-04-12", "2024-02")] == [
        "2023-12-31",
        "2023-09-30",
        "2023-12-31",
        "2021-04-12",
        "2024-02-29",
    ]


def test_tone_marks_and_variants_fold_alike_and_keep_offsets():
    for a, b in [("Hoà Bình", "Hòa Bình"), ("Thuỷ", "Thủy"), ("HOÀ", "hòa"), ("M’Đrắk", "M'Đrắk")]:
        assert fold(a) == fold(b)
    assert normalize_text("Quỹ tín dụng, hoàn thành, khoẻ") == "Quỹ tín dụng, hoàn thành, khỏe"
    assert ascii_fold("Đăk Lăk") == ascii_fold("Dak Lak") == "dak lak"
    decomposed = "Hoa\u0300 Bi\u0300nh"
    assert normalize_text(decomposed) == "Hòa Bình"
    # a second vowel that carries more than its tone keeps it: "hoặc" is not "họăc"
    for word in ("hoặc", "ngoặt", "hoàn", "khuyến", "thuở"):
        assert normalize_text(word) == word
        assert normalize_text(unicodedata.normalize("NFD", word)) == word
    assert normalize_text("Thuỷ lợi hoặc khoẻ mạnh") == "Thủy lợi hoặc khỏe mạnh"
