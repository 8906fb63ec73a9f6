"""Numbers and dates as Vietnamese news writes them."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from kg.extraction.dates import Reference, content_year, find_dates
from kg.extraction.numbers import find_quantities, parse_number
from kg.text import ascii_fold, fold, normalize_text, parse_stamp, period_end


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
        ("Sáng 20/9, UBND tỉnh tổ chức hội nghị", None),
    ],
)
def test_publication_stamps(line, iso):
    assert parse_stamp(line) == iso


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


def test_undated_article_takes_its_year_from_what_it_reports():
    text = "Năm 2023, toàn tỉnh có 116 HTX thành lập mới. Năm 2024 phấn đấu thành lập mới 60 HTX."
    assert content_year(text) == 2024
    # a year summed up as complete is over: the article is from a later year
    assert content_year("Tính đến hết năm 2016, toàn vùng có 908 HTX theo Luật HTX năm 2012.") == 2017
    assert content_year("Theo Luật Hợp tác xã năm 2012, các HTX phải đăng ký lại.") is None
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
