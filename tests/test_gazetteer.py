"""Tests of kg.gazetteer on the real library data (vietnamadminunits), no mocks.

The running-text cases are paraphrases of real provincial news about cooperatives (2017).
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata

import pytest

from kg.extraction.province import infer_province
from kg.gazetteer import PlaceMention, find_places, province, provinces, successor


def places(text: str) -> list[tuple[str, str, str]]:
    return [(m.kind, m.name, m.surface) for m in find_places(text)]


# --- the two eras and the mapping -----------------------------------------------------------------


def test_63_old_and_34_new_provinces() -> None:
    assert len(provinces("old")) == 63
    assert len(provinces("new")) == 34
    assert len({p.code for p in provinces("old")} | {p.code for p in provinces("new")}) == 97


def test_codes_old_gso_and_new_prefixed() -> None:
    dak_lak = province("Đắk Lắk")
    assert dak_lak is not None
    assert (dak_lak.code, dak_lak.full_name, dak_lak.era) == ("66", "tỉnh Đắk Lắk", "old")
    assert all(len(p.code) == 2 and p.code.isdigit() for p in provinces("old"))
    assert all(p.code.startswith("n") and p.successor is None for p in provinces("new"))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Hòa Bình", "Phú Thọ"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("Phú Yên", "Đắk Lắk"),
        ("Đắk Nông", "Lâm Đồng"),
        ("Bình Định", "Gia Lai"),
        ("Hà Nội", "Hà Nội"),
        ("Sóc Trăng", "Cần Thơ"),
        ("Hậu Giang", "Cần Thơ"),
    ],
)
def test_successor_follows_the_2025_reorganisation(old: str, new: str) -> None:
    found = successor(old)
    assert found is not None and found.name == new and found.era == "new"


def test_every_old_province_maps_to_a_new_one_and_every_new_one_is_reached() -> None:
    new_names = {p.name for p in provinces("new")}
    assert {p.successor for p in provinces("old")} == new_names


def test_unchanged_province_has_one_object_per_era_with_the_same_name() -> None:
    old = province("Hà Nội")
    assert old is not None and old.era == "old" and old.full_name == "thành phố Hà Nội"
    assert successor("Hà Nội") == next(p for p in provinces("new") if p.name == "Hà Nội")


# --- province() under any spelling ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["Hòa Bình", "Hoà Bình", "HOÀ BÌNH", "tỉnh Hòa Bình", "hoa binh"])
def test_province_tone_placement_case_and_prefix(name: str) -> None:
    found = province(name)
    assert found is not None and (found.name, found.era, found.successor) == ("Hòa Bình", "old", "Phú Thọ")


@pytest.mark.parametrize("name", ["Đắk Lắk", "Đăk Lăk", "Dak Lak", "đắk lắk", "Daklak", "Đắc Lắc"])
def test_province_dak_lak_spellings_and_romanised(name: str) -> None:
    found = province(name)
    assert found is not None and found.name == "Đắk Lắk"


@pytest.mark.parametrize(
    "name", ["TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "Tp Hồ Chí Minh", "thành phố Hồ Chí Minh", "Hồ Chí Minh"]
)
def test_province_ho_chi_minh_city_forms(name: str) -> None:
    found = province(name)
    assert found is not None and found.name == "Hồ Chí Minh" and found.code == "79"


@pytest.mark.parametrize("name", ["Thừa Thiên - Huế", "Thừa Thiên Huế", "Huế", "TT-Huế"])
def test_province_hue_is_thua_thien_hue_before_2025_and_hue_after(name: str) -> None:
    found = province(name)
    assert found is not None and found.name == "Thừa Thiên Huế" and found.code == "46"
    after = successor(name)
    assert after is not None and after.name == "Huế"


def test_province_unknown_names() -> None:
    assert province("Paris") is None
    assert province("") is None
    assert successor("Lương Sơn") is None  # a district, not a province


# --- find_places: provinces -----------------------------------------------------------------------


def test_spans_point_into_the_text_and_are_sorted() -> None:
    text = "Liên minh HTX tỉnh Hoà Bình làm việc với TP.HCM và Đắk Lắk."
    found = find_places(text)
    assert [m.name for m in found] == ["Hòa Bình", "Hồ Chí Minh", "Đắk Lắk"]
    assert all(text[m.start : m.end] == m.surface for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert found[0] == PlaceMention(19, 27, "Hoà Bình", "province", "Hòa Bình", ("Hòa Bình",))


def test_whole_words_only() -> None:
    assert find_places("Hà Nộii và Long Anh") == []
    assert places("Hà Nội và Long An") == [
        ("province", "Hà Nội", "Hà Nội"),
        ("province", "Long An", "Long An"),
    ]


def test_tone_placement_and_case_in_text() -> None:
    assert places("HTX tỉnh Hoà Bình") == [("province", "Hòa Bình", "Hoà Bình")]
    assert places("HỘI NGHỊ TẠI HÒA BÌNH") == [("province", "Hòa Bình", "HÒA BÌNH")]
    assert find_places("vì hòa bình thế giới") == []  # lower case: the word "peace"


def test_tp_hcm_forms_in_text() -> None:
    text = "TP.HCM, TP HCM, Tp.Hồ Chí Minh, TPHCM, thành phố Hồ Chí Minh"
    assert [m.name for m in find_places(text)] == ["Hồ Chí Minh"] * 5
    assert find_places("tư tưởng Hồ Chí Minh và Đoàn TNCS HCM") == []


def test_aliases_in_text() -> None:
    text = "các tỉnh Thừa Thiên - Huế, Bà Rịa-Vũng Tàu, Đăk Nông và Kontum"
    assert [m.name for m in find_places(text)] == [
        "Thừa Thiên Huế",
        "Bà Rịa - Vũng Tàu",
        "Đắk Nông",
        "Kon Tum",
    ]


def test_names_inside_longer_names_are_not_provinces() -> None:
    assert find_places("Hiệp định Đối tác xuyên Thái Bình Dương") == []
    assert find_places("chiến thắng Điện Biên Phủ") == []
    assert find_places("khu đô thị Phú Yên Bình") == []
    assert find_places("trên đường Hà Nội, quận 9") == [
        PlaceMention(24, 25, "9", "district", "Thủ Đức", ("Hồ Chí Minh",))
    ]


def test_person_and_company_names_are_not_provinces() -> None:
    assert find_places("ông Nguyễn Thái Bình và ông Phí Thái Bình") == []
    assert find_places("chị Huế cho biết") == []
    assert find_places("Công ty TNHH Hòa Bình và HTX Hòa Bình") == []
    assert places("Liên minh HTX Hà Nội") == [("province", "Hà Nội", "Hà Nội")]
    assert places("Sở Công Thương Hà Nội") == [("province", "Hà Nội", "Hà Nội")]


# --- find_places: districts and communes ------------------------------------------------------------


def test_district_and_commune_need_their_type_word() -> None:
    assert find_places("Lương Sơn có 20 HTX") == []
    assert places("huyện Lương Sơn có 20 HTX") == [("district", "Lương Sơn", "Lương Sơn")]
    assert find_places("Hợp tác xã Đại Đồng và Liên minh Hợp tác xã tỉnh") == []


def test_parenthesis_form_names_the_district() -> None:
    found = find_places("HTX Đại Đồng, xã Ngọc Lương (Yên Thủy)")
    assert [(m.kind, m.name, m.provinces) for m in found] == [
        ("commune", "Ngọc Lương", ("Hòa Bình",)),
        ("district", "Yên Thủy", ("Hòa Bình",)),
    ]


def test_commune_name_is_ambiguous_across_provinces() -> None:
    (commune,) = find_places("xã Hòa Bình")
    assert commune.kind == "commune" and {"Hà Nội", "Hòa Bình", "Thái Bình"} <= set(commune.provinces)


def test_larger_unit_next_to_a_commune_narrows_it() -> None:
    found = find_places("xã Hòa Bình, huyện Thường Tín, Hà Nội")
    assert [(m.kind, m.provinces) for m in found] == [
        ("commune", ("Hà Nội",)),
        ("district", ("Hà Nội",)),
        ("province", ("Hà Nội",)),
    ]


def test_apostrophe_names_in_any_form() -> None:
    for text in ("huyện M’ Đrắk", "huyện M'Đrắk", "huyện M’Đrắk"):
        assert [(m.name, m.provinces) for m in find_places(text)] == [("M'Đrắk", ("Đắk Lắk",))]
    assert [m.name for m in find_places("huyện Cư M’gar và huyện Ea Hleo")] == ["Cư M'gar", "Ea H'leo"]


def test_city_town_and_numbered_units() -> None:
    text = "TP Buôn Ma Thuột, thị xã Buôn Hồ, thành phố Hòa Bình, quận 1, phường 15"
    assert [(m.kind, m.name) for m in find_places(text)] == [
        ("district", "Buôn Ma Thuột"),
        ("district", "Buôn Hồ"),
        ("district", "Hòa Bình"),
        ("district", "Quận 1"),
        ("commune", "Phường 15"),
    ]
    assert find_places("chủ trương TP 4 an và tin P.V") == []


def test_plural_type_word_takes_a_list() -> None:
    text = "các huyện Lương Sơn, Kim Bôi và Lạc Sơn"
    assert [m.name for m in find_places(text)] == ["Lương Sơn", "Kim Bôi", "Lạc Sơn"]


def test_former_district_names_resolve_to_the_unit_they_joined() -> None:
    assert [(m.name, m.surface, m.provinces) for m in find_places("UBND huyện Lộc Hà cho biết")] == [
        ("Thạch Hà", "Lộc Hà", ("Hà Tĩnh",))
    ]


def test_non_nfc_input_keeps_offsets() -> None:
    text = unicodedata.normalize("NFD", "xã Cao Dương (Lương Sơn), tỉnh Hoà Bình")
    found = find_places(text)
    assert [m.name for m in found] == ["Cao Dương", "Lương Sơn", "Hòa Bình"]
    assert all(text[m.start : m.end] == m.surface for m in found)


def test_text_without_places() -> None:
    text = "Giá cà phê hôm nay tăng nhẹ, các hợp tác xã kỳ vọng một vụ mùa bội thu."
    assert find_places(text) == []
    assert infer_province(text) == (None, "no province named")


# --- infer_province ---------------------------------------------------------------------------------


def test_infer_most_named_province() -> None:
    text = (
        "Hiện nay, toàn tỉnh Đắk Lắk có 579 HTX ... Liên minh HTX tỉnh Đăk Lăk đã phối hợp ... "
        "Liên minh HTX tỉnh Gia Lai và Đắk Nông"
    )
    assert infer_province(text) == ("Đắk Lắk", "named 2 times")


def test_infer_districts_outweigh_provinces_named_in_passing() -> None:
    text = (
        "HTX Nông sản hữu cơ Mỹ Tân, xã Cao Dương (Lương Sơn) đã đưa sản phẩm vào siêu thị. "
        "HTX Đại Đồng, xã Ngọc Lương (Yên Thủy) sử dụng vốn vay hiệu quả. Liên minh đã tổ chức 4 hội "
        "nghị tại các TP: Hòa Bình, Hà Nội, Hải Phòng và Quảng Ninh. Sản phẩm vào thị trường Hải Phòng."
    )
    assert infer_province(text) == ("Hòa Bình", "named once; districts Lương Sơn, Yên Thủy")


def test_infer_nothing_from_an_unnamed_province() -> None:
    text = (
        "Sáng ngày 22/1, Liên minh Hợp tác xã tỉnh tổ chức hội nghị tổng kết công tác năm. Dự hội nghị "
        "có đại diện lãnh đạo Tỉnh ủy, HĐND, UBND tỉnh."
    )
    assert infer_province(text) == (None, "no province named")


def test_infer_from_districts_only() -> None:
    text = "Các HTX ở huyện M’ Đrắk, huyện Cư M’gar và huyện Ea Hleo được hỗ trợ vốn."
    assert infer_province(text) == ("Đắk Lắk", "districts M'Đrắk, Cư M'gar, Ea H'leo")


def test_infer_from_communes_only_when_they_agree() -> None:
    assert infer_province("HTX xã Cao Dương") == ("Hòa Bình", "communes Cao Dương")
    province_name, reason = infer_province("HTX xã Hòa Bình và xã Tân Hòa")
    assert province_name is None and reason.startswith("no province named")


def test_module_imports_no_rdf_library_nor_the_geocoding_package() -> None:
    code = (
        "import sys, kg.gazetteer as g; g.find_places('tỉnh Hòa Bình'); "
        "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'vietnamadminunits', 'geopy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_lead_province_spoken_of_again_as_tinh_outweighs_one_named_in_passing() -> None:
    import kg

    text = (
        "Liên minh HTX thành phố Huế vừa tổ chức hội nghị đánh giá kết quả hoạt động năm 2025 với đông đảo thành viên.\n"
        "Năm 2025, Liên minh HTX thành phố hoàn thành 4/5 chỉ tiêu đề ra.\n"
        "Đơn vị đã ký kết hợp tác với Liên hiệp HTX thương mại TP. Hồ Chí Minh."
    )
    assert kg.extract(text).province == "Thừa Thiên Huế"
    # with no "tỉnh"/"thành phố" of its own, two cities named once each stay a tie: no province
    tie = text.replace("Liên minh HTX thành phố hoàn thành", "Đơn vị hoàn thành")
    assert kg.extract(tie).province is None


def test_an_article_whose_headline_names_its_province_is_that_province_s_however_wide_its_guests() -> None:
    import kg

    fair = (
        "Đặc sản vùng miền hội tụ tại Cần Thơ\n"
        "Tối 30.10, Sở Công thương TP.Cần Thơ khai mạc hội chợ với 400 gian hàng đến từ 15 tỉnh, thành trong cả nước.\n"
        "Hội chợ diễn ra tại phường Phú Lợi, TP.Cần Thơ."
    )
    assert kg.extract(fair, published="2025-10-31T08:00").province == "Cần Thơ"
    # without the headline naming it, the same guests make it a regional story
    regional = fair.replace("Đặc sản vùng miền hội tụ tại Cần Thơ", "Đặc sản vùng miền hội tụ")
    assert kg.extract(regional, published="2025-10-31T08:00").province is None


def test_a_headline_about_several_provinces_makes_a_regional_story() -> None:
    import kg

    text = (
        "Liên minh HTX 8 tỉnh miền núi phía Bắc khẳng định vai trò\n"
        "Ngày 14/11, tại tỉnh Lai Châu, Liên minh HTX tỉnh Lai Châu tổ chức hội nghị tổng kết cụm thi đua.\n"
        "Liên minh HTX tỉnh Lai Châu là trưởng cụm năm 2025; Sơn La, Lào Cai và Phú Thọ cùng dự."
    )
    assert kg.extract(text, published="2025-11-15T08:00").province is None
