"""Figures and events in the forms the genre uses."""

from __future__ import annotations

from helpers import doc_of

import kg


def _figs(text, **kw):
    return [(f.metric, str(f.value), f.unit, f.status, f.period) for f in doc_of(text, **kw).figures]


def test_a_list_sharing_one_verb_gives_one_figure_each():
    got = _figs(
        "Hiện nay, toàn tỉnh có 579 HTX và 4 Liên hiệp HTX thu hút 64.000 thành viên, tạo việc làm cho 21.000 lao động."
    )
    assert [(m, v) for m, v, *_ in got] == [
        ("cooperatives", "579"),
        ("unions_of_cooperatives", "4"),
        ("members", "64000"),
        ("workers", "21000"),
    ]
    assert {p for *_, p in got} == {"2023-05-10"}  # "hiện nay" is the article's date


def test_number_after_its_subject_and_new_and_supported_cooperatives():
    got = _figs(
        "Năm 2022, toàn tỉnh có 98 HTX thành lập mới, nâng tổng số HTX lên 1.025. Tỉnh hỗ trợ cho 12 HTX."
    )
    assert ("new_cooperatives", "98") in [(m, v) for m, v, *_ in got]
    assert ("cooperatives", "1025") in [(m, v) for m, v, *_ in got]
    assert ("supported_cooperatives", "12") in [(m, v) for m, v, *_ in got]


def test_amounts_take_the_nearest_cue_and_rates_their_unit():
    got = _figs(
        "Doanh thu bình quân của HTX đạt 2,1 tỷ đồng/năm, thu nhập bình quân của thành viên 48 triệu đồng/năm; "
        "tổng kinh phí hỗ trợ là 750 triệu đồng."
    )
    assert [(m, v, u) for m, v, u, *_ in got] == [
        ("avg_revenue_per_cooperative", "2100000000", "VND/year"),
        ("avg_income_per_worker", "48000000", "VND/year"),
        ("funding", "750000000", "VND"),
    ]


def test_targets_and_their_period():
    got = _figs("Năm 2025, tỉnh phấn đấu thành lập mới 50 HTX, doanh thu bình quân đạt 3 tỷ đồng/năm.")
    assert {(m, s, p) for m, _, _, s, p in got} == {
        ("new_cooperatives", "target", "2025"),
        ("avg_revenue_per_cooperative", "target", "2025"),
    }
    assert _figs("Giai đoạn 2021 - 2023 có 213 HTX được thành lập, đạt 101% kế hoạch.")[1][3] == "actual"


def test_dates_ordinals_laws_terms_and_durations_are_not_figures():
    text = (
        "Hội nghị lần thứ 7, Ban chấp hành khóa VI, nhiệm kỳ 2020 – 2025 đánh giá 5 năm thi hành Luật Hợp tác xã 2012 "
        "theo Nghị định 193/2013/NĐ-CP, tại số 12 đường Lê Lợi, quận 3, lúc 14h ngày 7-2; mạng 3G phủ sóng."
    )
    assert _figs(text) == []


def test_fractions_and_percentages():
    # a percentage of a whole is a share; a part of the cooperatives is a subset ("other"); a
    # multiple ("tăng 2,5 lần") counts nothing
    got = _figs("Khoảng 80% thịt heo được đeo vòng; đã chuyển đổi được 179/196 HTX, tăng 2,5 lần.")
    assert [(m, v, u) for m, v, u, *_ in got] == [
        ("share", "80", "percent"),
        ("other", "179", "count"),
        ("other", "196", "count"),
    ]


def test_events_dated_held_and_deduplicated():
    doc = doc_of(
        "Sáng 20/9, UBND tỉnh tổ chức Hội nghị sơ kết 3 năm. Tham dự hội nghị có nhiều đại biểu. "
        "Tại hội nghị, UBND tỉnh đã tặng Bằng khen cho 6 tập thể.",
        published="2023-09-20T14:12",
    )
    assert [(e.kind, e.date.value if e.date else None) for e in doc.events] == [
        ("conference", "2023-09-20"),
        ("award", "2023-09-20"),
    ]


def test_counted_events_and_future_events_are_not_events():
    doc = doc_of(
        "Cơ quan chức năng tổ chức 125 lớp tập huấn cho thành viên. Tháng 12 tới, tỉnh sẽ tổ chức hội chợ."
    )
    assert doc.events == ()


def test_an_undated_event_held_is_recorded_without_a_date():
    doc = doc_of("Hội thảo về vai trò của HTX mới diễn ra tại Hà Nội.", published=None)
    assert [(e.kind, e.date) for e in doc.events] == [("conference", None)]


def test_small_fractions_are_proportions_and_bare_months_are_dates():
    got = _figs(
        "Vùng này chiếm 1/3 kim ngạch xuất khẩu nông nghiệp. Từ tháng 6 đến tháng 1 năm sau, đất bỏ hoang.",
        published=None,
    )
    assert [(m, v, u) for m, v, u, *_ in got] == [("share", "33.33", "percent")]


def test_events_reported_as_held_in_the_genre_s_other_forms():
    doc = doc_of(
        "Người dân tưng bừng tổ chức Lễ hội Trà xuân tại xã Tân Cương. "
        "Tại Hội nghị sơ kết Luật HTX, ông Trần Bảo Ngọc phát biểu. Các đơn vị ký kết bản ghi nhớ hợp tác.",
        published=None,
    )
    assert [e.kind for e in doc.events] == ["anniversary", "conference"]


def test_an_undated_mid_year_meeting_is_in_the_year_before_its_plans():
    text = (
        "Chiều 17/6, Phó Thủ tướng chủ trì buổi sơ kết. Tính đến hết năm 2016, cả nước có 10.000 HTX. "
        "Phấn đấu đến năm 2018 hoàn thành việc chuyển đổi."
    )
    assert [e.date.value for e in doc_of(text, published=None).events] == ["2017-06-17"]
    early = "Sáng 23/01, Liên minh HTX tỉnh tổ chức hội nghị. Năm 2023, toàn tỉnh có 783 HTX. Năm 2024 phấn đấu có 850 HTX."
    assert [e.date.value for e in doc_of(early, published=None).events] == ["2024-01-23"]


def test_an_award_event_carries_the_counts_of_those_awarded():
    doc = doc_of(
        "Sáng 20/9, UBND tỉnh tổ chức hội nghị. Tại hội nghị, UBND tỉnh đã tặng Bằng khen cho 6 tập thể và "
        "4 cá nhân.",
        published="2023-09-20",
    )
    (award,) = [e for e in doc.events if e.kind == "award"]
    counted = [c.figure for c in doc.award_counts if c.event is award]
    assert [(f.label, str(f.value)) for f in counted] == [("tập thể", "6"), ("cá nhân", "4")]


def test_a_since_date_in_the_lead_does_not_date_the_event():
    doc = kg.extract(
        "Đây là kỳ đại hội đầu tiên của Liên minh HTX tỉnh sau khi hai tỉnh hợp nhất từ ngày 1/7/2025.\n"
        "Tại Đại hội, Ban Chấp hành khóa I đã ra mắt.",
        published="2025-12-31T10:00",
    )
    assert [e.date.value for e in doc.events if e.kind == "congress"] == ["2025-12-31"]


def test_a_mention_dated_only_by_the_page_is_the_dated_event_of_its_kind():
    doc = kg.extract(
        "Liên minh HTX thành phố cho biết nhiều kết quả nổi bật trong năm.\n"
        "Tại Hội nghị tổng kết năm 2024, Liên minh HTX thành phố khẳng định quyết tâm.\n"
        "Chiều 24/12, Liên minh HTX thành phố tổ chức Hội nghị thành viên tổng kết năm 2024.\n"
        "Trước đó, sáng 16/2, Liên minh HTX thành phố đã tổ chức hội nghị đối thoại thành viên.",
        published="2024-12-25T10:00",
    )
    assert sorted(e.date.value for e in doc.events if e.kind == "conference") == ["2024-02-16", "2024-12-24"]


def test_an_undated_page_dates_its_events_by_the_year_it_reports_on():
    doc = kg.extract(
        "Năm 2022, toàn tỉnh có 450 HTX đang hoạt động.\n"
        "Liên minh HTX Việt Nam vừa công nhận danh hiệu Ngôi sao Hợp tác xã cho 3 HTX của tỉnh.\n"
        "Tại lễ kỷ niệm 30 năm thành lập, ông Nguyễn Văn Bình phát biểu."
    )
    assert {(e.kind, e.date.value) for e in doc.events} == {("award", "2022"), ("anniversary", "2022")}


def test_places_counted_and_named_at_once_are_no_figure():
    doc = kg.extract(
        "Đây là đại hội đầu tiên sau khi hai tỉnh Cà Mau và Bạc Liêu hợp nhất. Toàn tỉnh có 64 xã đạt chuẩn nông thôn mới."
    )
    assert [(f.metric, f.value) for f in doc.figures if f.metric == "localities"] == [("localities", 64)]


def test_the_parts_of_a_total_of_cooperatives_are_not_the_stock():
    doc = kg.extract(
        "Toàn tỉnh có 1.086 hợp tác xã, trong đó có 439 hợp tác xã nông nghiệp, 602 hợp tác xã phi nông nghiệp.\n"
        "Toàn tỉnh có 654 tổ chức kinh tế tập thể, gồm: 465 HTX, 3 quỹ tín dụng nhân dân, 186 tổ hợp tác."
    )
    metrics = {f.value: f.metric for f in doc.figures}
    assert metrics[1086] == "cooperatives" and metrics[465] == "cooperatives"
    assert metrics[439] == "other" and metrics[602] == "other"


def test_a_date_in_a_since_clause_after_the_event_dates_nothing():
    doc = kg.extract(
        "Sáng 31/12, Liên minh HTX tỉnh tổ chức Đại hội lần thứ I với 335 đại biểu.\n"
        "Đây là kỳ đại hội đầu tiên kể từ khi hai tỉnh hợp nhất thành tỉnh mới vào ngày 1/7/2025.",
        published="2025-12-31T11:20",
    )
    assert [e.date.value for e in doc.events if e.kind == "congress"] == ["2025-12-31"]


def test_a_date_right_after_the_trigger_dates_the_event():
    doc = kg.extract(
        "Giá heo giảm mạnh.\nTrong phiên chất vấn ngày 6/7, nhiều đại biểu hỏi về giá heo.",
        published="2017-07-07T09:00",
    )
    assert [(e.kind, e.date.value) for e in doc.events] == [("conference", "2017-07-06")]


def test_a_gathering_to_mark_an_anniversary_is_an_anniversary():
    doc = kg.extract(
        "Kỷ niệm 30 năm thành lập\nSáng 31/3, Liên minh HTX tỉnh tổ chức họp mặt kỷ niệm 30 năm Ngày thành lập.",
        published="2023-03-31T10:00",
    )
    assert [(e.kind, e.date.value) for e in doc.events] == [("anniversary", "2023-03-31")]


def test_a_body_that_met_reports_a_meeting():
    doc = kg.extract(
        "Hợp tác phát triển\nChiều ngày 29/6/2022, Ban Thường vụ Liên minh HTX tỉnh đã họp, thông qua dự thảo.",
        published="2022-10-10T08:00",
    )
    assert [(e.kind, e.date.value) for e in doc.events] == [("conference", "2022-06-29")]


def test_a_day_written_with_a_dot_after_a_day_word_is_a_date():
    doc = kg.extract(
        "Hội chợ OCOP\nTối 30.10, Sở Công thương tổ chức khai mạc Hội chợ OCOP với 1.500 gian hàng.",
        published="2025-10-31T08:00",
    )
    assert [(e.kind, e.date.value) for e in doc.events] == [("trade_fair", "2025-10-30")]
    assert [f.value for f in doc.figures] == [1500]


def test_a_figure_s_period_is_not_a_compared_year_a_law_s_year_or_a_founding_year():
    got = _figs(
        "Năm 2016, tổng giá trị nông nghiệp đạt 145,5 tỷ đồng, tăng 46,2 tỷ đồng so với năm 2015.",
        published=None,
    )
    assert [(v, p) for _, v, _, _, p in got] == [("145500000000", "2016"), ("46200000000", "2016")]
    law = _figs("Theo Luật Giao thông đường bộ năm 2008, khoảng 1.000 xe phải chuyển đổi.", published=None)
    assert [p for *_, p in law] == [None]
    founded = _figs("Thành lập năm 2009, HTX Mỹ Tịnh An nay có 250 thành viên.", published="2022-04-06T10:00")
    assert [(v, p) for _, v, _, _, p in founded] == [("250", "2022-04-06")]


def test_a_figure_said_to_hold_now_does_not_take_an_earlier_date():
    got = _figs(
        "Từ tháng 12/2016 đến nay, thành phố đã có 146 gian hàng bán thịt sạch.", published="2017-05-10T08:00"
    )
    assert [p for *_, p in got] == ["2017-05-10"]


def test_a_speaker_s_delegation_is_not_the_area_of_the_figures():
    doc = kg.extract(
        "Kinh tế vĩ mô\nHà Nội có 1.000 HTX. Đại biểu Nguyễn Thị Phúc (Bình Thuận) cho rằng Hà Nội cần 500 HTX nữa.",
        published="2017-06-01T08:00",
    )
    areas = {str(f.value): f.area for f in doc.figures}
    assert areas["1000"] == "Hà Nội" and areas["500"] == "Hà Nội"
    alone = kg.extract(
        "Kinh tế vĩ mô\nĐại biểu Nguyễn Thị Phúc (Bình Thuận) đề nghị làm rõ mục tiêu 17.000 HTX.",
        published=None,
    )
    assert [f.area for f in alone.figures] == [None]


def test_growth_rates_and_percentages_of_a_plan_are_not_shares():
    got = _figs(
        "Mục tiêu tăng trưởng GDP 6,7%. Giá trị sản xuất đạt 102% kế hoạch. HTX khá giỏi chiếm 45%.",
        published=None,
    )
    assert [(m, v) for m, v, *_ in got] == [("other", "6.7"), ("other", "102"), ("share", "45")]


def test_comrades_and_a_truck_s_load_are_no_figures():
    assert _figs("Xã kết nạp 2 đ/c vào Đảng. Một xe tải trọng tải 3,5 tấn chở rác.", published=None) == []


def test_comrades_and_water_samples_are_not_money_or_land():
    assert _figs("Xã kết nạp 21 đồng chí vào Đảng.", published=None) == []
    got = _figs("Sở lấy 7 mẫu nước để phân tích. HTX có 50 mẫu ruộng, lãi 20 triệu đồng.", published=None)
    assert [(m, v) for m, v, *_ in got] == [("area", "50"), ("income", "20000000")]
    assert _figs("Cứ 3 hộ thoát nghèo thì có 1 hộ tái nghèo.", published=None) == []


def test_a_bare_value_word_yields_to_a_cue_that_says_what_the_value_is_of():
    got = _figs("Việt Nam đã xuất khẩu tôm đạt giá trị 3 tỷ USD.", published=None)
    assert [(m, v) for m, v, *_ in got] == [("export_value", "3000000000")]
    assert [m for m, *_ in _figs("Năm 2016, giá trị đạt 145 tỷ đồng.", published=None)] == [
        "production_value"
    ]
