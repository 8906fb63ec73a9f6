"""People and their posts, in the forms the genre uses (cases written for the genre, not copied from samples)."""

from __future__ import annotations

from helpers import doc_of, posts


def test_name_then_role_with_honorific_and_province_context():
    text = "Liên minh HTX tỉnh Nghệ An tổng kết năm. Hiện nay, toàn tỉnh Nghệ An có 500 HTX.\nĐồng chí Lê Văn An, Chủ tịch Liên minh HTX tỉnh phát biểu."
    assert posts(text) == {("Lê Văn An", "Chủ tịch", "Liên minh HTX tỉnh Nghệ An")}


def test_role_before_name():
    assert posts("Phó Bí thư Thường trực Tỉnh ủy Quảng Nam Trần Văn Bình trao quà cho các hộ.") == {
        ("Trần Văn Bình", "Phó Bí thư Thường trực", "Tỉnh ủy Quảng Nam")
    }


def test_two_roles_before_one_name():
    got = posts(
        "Tham dự có Phó Chủ tịch UBND tỉnh Long An, Trưởng Ban chỉ đạo phát triển KTTT tỉnh Nguyễn Văn Út."
    )
    assert ("Nguyễn Văn Út", "Phó Chủ tịch", "UBND tỉnh Long An") in got
    assert any(r == "Trưởng Ban" and o.startswith("Ban chỉ đạo phát triển KTTT") for _, r, o in got)


def test_two_roles_after_one_name():
    got = posts(
        "Đồng chí Hoàng Văn Cường, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch thường trực UBND tỉnh dự hội nghị."
    )
    assert {(r, o) for _, r, o in got} == {
        ("Ủy viên Ban Thường vụ", "Tỉnh ủy"),
        ("Phó Chủ tịch thường trực", "UBND tỉnh"),
    }


def test_dash_separated_and_list_of_people():
    text = (
        "Về phía Sở có ông Phạm Quốc Khánh - Giám đốc Sở Tài chính; bà Nguyễn Thị Hoa - Phó Giám đốc "
        "Sở Kế hoạch và Đầu tư, đồng chí Vũ Đức Minh, Trưởng phòng Kinh tế huyện Yên Thủy."
    )
    got = posts(text)
    # huyện Yên Thủy places the article in Hòa Bình, so the departments are Hòa Bình's
    assert ("Phạm Quốc Khánh", "Giám đốc", "Sở Tài chính tỉnh Hòa Bình") in got
    assert ("Nguyễn Thị Hoa", "Phó Giám đốc", "Sở Kế hoạch và Đầu tư tỉnh Hòa Bình") in got
    assert any(
        n == "Vũ Đức Minh" and r == "Trưởng phòng" and o.startswith("Phòng Kinh tế") for n, r, o in got
    )


def test_quoted_speaker_and_cooperative_with_location():
    got = doc_of(
        "Ông Lý Văn Tám, Giám đốc HTX Nông nghiệp Tân Thành, xã Tân Thành (Lương Sơn) cho biết: năm nay lãi."
    )
    (m,) = got.memberships
    assert (m.person, m.role, m.org.name) == ("Lý Văn Tám", "Giám đốc", "HTX Nông nghiệp Tân Thành")
    assert m.org.location == "xã Tân Thành (Lương Sơn)"


def test_honorifics_and_places_are_not_names():
    got = doc_of("Bà con xã Tân Phú rất phấn khởi. Chủ tịch UBND tỉnh Lâm Đồng phát biểu tại hội nghị.")
    assert got.memberships == ()
    assert all(p.name not in ("Lâm Đồng", "Tân Phú", "Bà con") for p in got.people)


def test_ministry_abbreviation_is_written_out_and_titles_take_their_ministry():
    assert posts("Thứ trưởng Bộ NN&PTNT Trần Thanh Nam cho biết.") == {
        ("Trần Thanh Nam", "Thứ trưởng", "Bộ Nông nghiệp và Phát triển nông thôn")
    }
    assert posts("Bộ trưởng GTVT Đinh La Thăng chỉ đạo.") == {
        ("Đinh La Thăng", "Bộ trưởng", "Bộ Giao thông Vận tải")
    }


def test_lead_in_theo_and_also_role():
    got = posts("Theo Phó Thủ tướng Vương Đình Huệ, các địa phương cần chủ động.")
    assert got == {("Vương Đình Huệ", "Phó Thủ tướng", "Chính phủ")}
    got = posts("Ông Trần Văn Nam được bầu làm Chủ nhiệm HTX Điện Quang.")
    assert got == {("Trần Văn Nam", "Chủ nhiệm", "HTX Điện Quang")}


def test_lower_case_title_after_a_name_and_abbreviated_title():
    got = posts(
        "Bà Phạm Thị Hằng, kế toán HTX Thành Công cho biết. Ông Lê Văn Hải - Phó GĐ Công ty Minh Phú nói."
    )
    assert ("Phạm Thị Hằng", "Kế toán", "HTX Thành Công") in got
    assert ("Lê Văn Hải", "Phó Giám đốc", "Công ty Minh Phú") in got


def test_province_of_tinh_follows_the_province_just_named():
    text = "Quảng Trị: Ngày 10/7, Chủ tịch UBND tỉnh Nguyễn Đức Chính ký quyết định bổ nhiệm."
    assert posts(text, published="2017-07-11") == {("Nguyễn Đức Chính", "Chủ tịch", "UBND tỉnh Quảng Trị")}


def test_post_without_organisation_is_not_recorded_but_the_person_is():
    got = doc_of("Chuyên gia Ngô Trí Long nhận định giá sẽ tăng.")
    assert got.memberships == ()
    assert [p.name for p in got.people] == ["Ngô Trí Long"]


def test_same_person_same_province_is_one_node_across_articles(tmp_path):
    from kg.mapping import doc_to_quads

    a = doc_of("Đồng chí Y Biêr Niê, Chủ tịch UBND tỉnh Đắk Lắk phát biểu.")
    b = doc_of("Chủ tịch UBND tỉnh Đăk Lăk Y Biêr Niê kiểm tra.")
    c = doc_of("Đồng chí Y Biêr Niê, Chủ tịch UBND tỉnh Gia Lai phát biểu.")

    def person(doc):
        return {
            q.object.value: q.subject.value
            for q in doc_to_quads(doc, "v")
            if q.predicate.value.endswith("/name")
        }["Y Biêr Niê"]

    assert person(a) == person(b) != person(c)


def test_a_national_side_keeps_its_units_out_of_the_host_province():
    doc = doc_of(
        "Liên minh HTX tỉnh Gia Lai đón đoàn. Toàn tỉnh Gia Lai có 300 HTX.\n"
        "Về phía Liên minh HTX Việt Nam có đồng chí Lê Văn Bình, Giám đốc Trung tâm Xúc tiến thương mại; "
        "về phía tỉnh có đồng chí Đỗ Văn Hòa, Giám đốc Sở Công Thương."
    )
    scopes = {m.person: m.org.scope for m in doc.memberships}
    assert scopes == {"Lê Văn Bình": "vn", "Đỗ Văn Hòa": "Gia Lai"}


def test_acting_titles_governors_cooperative_boards_and_abbreviation_variants():
    got = posts(
        "Ông Cao Văn Hóa, Quyền Giám đốc Sở NN-PTNT tỉnh Tiền Giang cho biết. "
        "Phó Thống đốc Ngân hàng Nhà nước Việt Nam Đào Minh Tú phát biểu. "
        "Ông Đặng Duy Dũng, Trưởng ban Quản trị HTX Phước Thịnh cho biết."
    )
    assert got == {
        ("Cao Văn Hóa", "Quyền Giám đốc", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Tiền Giang"),
        ("Đào Minh Tú", "Phó Thống đốc", "Ngân hàng Nhà nước Việt Nam"),
        ("Đặng Duy Dũng", "Trưởng ban Quản trị", "HTX Phước Thịnh"),
    }


def test_a_family_name_ending_a_place_does_not_start_the_person_s_name():
    assert ("Nguyễn Mạnh Hiển", "Bí thư", "Tỉnh ủy Hải Dương") in posts(
        "Bí thư Tỉnh ủy Hải Dương Nguyễn Mạnh Hiển dự."
    )


def test_a_title_before_a_place_names_no_organisation_and_spellings_of_one_post_merge():
    assert posts("Ngày 28/11/1959, Chủ tịch Hồ Chí Minh phát động Tết trồng cây.") == set()
    got = posts(
        "Chủ tịch Ủy ban Trung ương MTTQ Việt Nam Nguyễn Thiện Nhân phát biểu. "
        "Ông Nguyễn Thiện Nhân, Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc dự lễ."
    )
    assert got == {("Nguyễn Thiện Nhân", "Chủ tịch", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam")}


def test_a_unit_named_with_its_body_is_part_of_it():
    doc = doc_of(
        "Liên minh HTX tỉnh Kon Tum họp. Toàn tỉnh Kon Tum có 100 HTX.\n"
        "Ông Nguyễn Quang Oánh, Phó Trưởng ban Tuyên giáo Tỉnh ủy phát biểu."
    )
    (m,) = doc.memberships
    assert (m.org.name, m.org.scope) == ("Ban Tuyên giáo Tỉnh ủy Kon Tum", "Kon Tum")
    assert (m.org.parent.name, m.org.parent.kind) == ("Tỉnh ủy Kon Tum", "PartyCommittee")


def test_two_posts_joined_by_kiem_share_the_organisation_written_once():
    assert posts("Ông Lê Văn Tám, Chủ tịch HĐQT kiêm Giám đốc HTX Tân Phú cho biết.") == {
        ("Lê Văn Tám", "Chủ tịch HĐQT", "HTX Tân Phú"),
        ("Lê Văn Tám", "Giám đốc", "HTX Tân Phú"),
    }
    assert ("Y Mửi", "Ủy viên Ban Thường vụ", "Tỉnh ủy") in posts(
        "Đồng chí Y Mửi, Ủy viên BTV Tỉnh ủy phát biểu."
    )


def test_appointment_verbs_between_name_and_post():
    assert posts(
        "Ông Nguyễn Văn Tâm được chỉ định giữ chức Chủ tịch Liên minh HTX tỉnh Cà Mau nhiệm kỳ 2025 - 2030."
    ) == {("Nguyễn Văn Tâm", "Chủ tịch", "Liên minh HTX tỉnh Cà Mau")}
    assert posts("Bà Lê Thị Hạnh đảm nhận chức Giám đốc HTX Nông nghiệp Tân Phú từ tháng 3.") == {
        ("Lê Thị Hạnh", "Giám đốc", "HTX Nông nghiệp Tân Phú")
    }


def test_a_clause_after_a_post_is_not_its_organisation():
    got = posts(
        "Tới dự có Thứ trưởng Bộ Tài chính Trần Văn Hiếu, Chủ tịch Hội Nông dân Việt Nam Lương Quốc Đoàn, "
        "cùng nhiều lãnh đạo bộ, ngành."
    )
    assert not any("cùng" in o for _, _, o in got), got


def test_a_name_whose_clause_goes_on_takes_no_later_title_of_the_sentence():
    got = posts(
        "Chủ tịch MTTQ tỉnh Nguyễn Văn Nam cho rằng, năm qua, trước những chỉ đạo của Chính phủ, "
        "Thủ tướng Chính phủ, MTTQ luôn đồng hành."
    )
    assert all(r != "Thủ tướng" for _, r, _ in got), got


def test_a_full_post_inside_a_clause_and_a_commune_body_without_its_name():
    assert posts("Nhiều đại biểu chất vấn Giám đốc Sở Tài chính Nguyễn Văn Trung về giá heo.") == {
        ("Nguyễn Văn Trung", "Giám đốc", "Sở Tài chính")
    }
    got = posts("Về xã Khánh Lộc (Can Lộc), Chủ tịch UBND xã Mai Khắc Tám cho biết nhiều hộ dân nấu rượu.")
    assert got == {("Mai Khắc Tám", "Chủ tịch", "UBND xã Khánh Lộc")}
    # a clause with a person of its own before the title keeps its subject
    assert all(
        n != "Đinh Thị Hạnh" or r == "Phó Chủ tịch"
        for n, r, _ in posts(
            "Ông Bùi Quang Tùng được bầu giữ chức Chủ tịch và bà Đinh Thị Hạnh được bầu làm Phó Chủ tịch Liên minh HTX tỉnh."
        )
    )


def test_a_post_goes_to_its_own_subject_when_the_clause_turns_to_another_person():
    got = posts(
        "Ông Trần Văn Cang - Phó Bí thư Thường trực Tỉnh ủy Long An dìu bà Huỳnh Thị Thơ lên sân khấu."
    )
    assert {n for n, _, _ in got} == {"Trần Văn Cang"}, got


def test_a_second_title_right_after_a_role_first_name_is_that_person_s():
    text = (
        "Phó Thủ tướng Trương Hòa Bình - Chủ tịch Ủy ban An toàn giao thông Quốc gia phát biểu tại buổi họp."
    )
    assert posts(text, published=None) == {
        ("Trương Hòa Bình", "Phó Thủ tướng", "Chính phủ"),
        ("Trương Hòa Bình", "Chủ tịch", "Ủy ban An toàn giao thông Quốc gia"),
    }
    # the same title again is another person, whose name the rules may not know
    other = "Thủ tướng Nguyễn Xuân Phúc, Thủ tướng Chính phủ nước Lào Thongloun Sisoulith dẫn đầu đoàn."
    assert ("Nguyễn Xuân Phúc", "Thủ tướng", "Chính phủ") in posts(other, published=None)
    assert len(posts(other, published=None)) == 1
    # a title inside the clause ("thừa ủy quyền của Thủ tướng") is no post of the name before it
    proxy = (
        "Thống đốc Ngân hàng Nhà nước Lê Minh Hưng, thừa ủy quyền của Thủ tướng Chính phủ trình bày Tờ trình."
    )
    assert {p[1] for p in posts(proxy, published=None)} == {"Thống đốc"}


def test_a_cooperative_written_in_lower_case_with_its_proper_name():
    assert posts(
        "Ông Nguyễn Ngọc Thành, Chủ tịch hợp tác xã cá sấu Đông Nam Bộ chia sẻ.", published=None
    ) == {("Nguyễn Ngọc Thành", "Chủ tịch", "HTX cá sấu Đông Nam Bộ")}
    assert posts("Ông Lê Văn Tám, giám đốc hợp tác xã nông nghiệp Tân Phú cho biết.", published=None) == {
        ("Lê Văn Tám", "Giám đốc", "HTX nông nghiệp Tân Phú")
    }
    # without a proper name, "hợp tác xã" names no particular cooperative
    assert posts("Ông Lê Văn Tám, Giám đốc hợp tác xã cho biết giá lúa giảm.", published=None) == set()


def test_a_delegate_of_a_province_and_names_of_upland_peoples():
    got = posts("Đại biểu Quốc hội tỉnh Vĩnh Long Nguyễn Thị Quyên Thanh phát biểu ý kiến.", published=None)
    assert got == {("Nguyễn Thị Quyên Thanh", "Đại biểu Quốc hội", "Đoàn đại biểu Quốc hội tỉnh Vĩnh Long")}
    got = posts("Tại Quốc hội, đại biểu Ma Thị Thúy (Tuyên Quang) cho rằng cần làm rõ.", published=None)
    assert got == {("Ma Thị Thúy", "Đại biểu Quốc hội", "Đoàn đại biểu Quốc hội tỉnh Tuyên Quang")}


def test_organisation_names_that_hold_words_the_sentence_would_stop_at():
    assert posts(
        "Ông Trần Thế Cương, Trưởng Ban Văn hóa - Xã hội HĐND TP Hà Nội cho biết.", published=None
    ) == {("Trần Thế Cương", "Trưởng Ban", "Ban Văn hóa - Xã hội HĐND TP Hà Nội")}
    got = posts(
        "Ông Phạm Tuấn Ngọc, Cục trưởng Cục đăng ký quốc gia giao dịch bảo đảm cho biết.", published=None
    )
    assert got == {("Phạm Tuấn Ngọc", "Cục trưởng", "Cục đăng ký quốc gia giao dịch bảo đảm")}
    assert posts("Ông Trương Minh Khánh, Chủ tịch UBND TT.Hậu Nghĩa cho biết.", published=None) == {
        ("Trương Minh Khánh", "Chủ tịch", "UBND thị trấn Hậu Nghĩa")
    }


def test_a_title_that_starts_like_a_body_s_name_is_not_part_of_the_organisation():
    got = posts("Ông Vũ Đình Đáp, nguyên Phó Viện trưởng Viện Nghiên cứu Nuôi trồng Thủy sản III phát biểu.")
    assert got == {("Vũ Đình Đáp", "nguyên Phó Viện trưởng", "Viện Nghiên cứu Nuôi trồng Thủy sản III")}
    assert posts("Chủ tịch Hội CCB xã Thạch Sơn Nguyễn Công Sơn phát biểu.", published=None) == {
        ("Nguyễn Công Sơn", "Chủ tịch", "Hội Cựu chiến binh xã Thạch Sơn")
    }


def test_delegates_listed_after_a_plural_title():
    text = (
        "Tại Quốc hội, các đại biểu Triệu Tuấn Hải (Lạng Sơn), Nguyễn Thanh Phương (Cần Thơ) đề nghị làm rõ. "
        "Ông Hoàng Bình Quân cũng là một trong những đại biểu Quốc hội bấm nút thông qua."
    )
    assert posts(text, published=None) == {
        ("Triệu Tuấn Hải", "Đại biểu Quốc hội", "Đoàn đại biểu Quốc hội tỉnh Lạng Sơn"),
        ("Nguyễn Thanh Phương", "Đại biểu Quốc hội", "Đoàn đại biểu Quốc hội thành phố Cần Thơ"),
    }


def test_a_title_whose_organisation_goes_on_past_a_dash_to_the_name():
    assert posts("Trưởng Ban Văn hóa - Xã hội HĐND TP Hà Nội Trần Thế Cương cho biết.", published=None) == {
        ("Trần Thế Cương", "Trưởng Ban", "Ban Văn hóa - Xã hội HĐND TP Hà Nội")
    }
    # a general's rank is no part of the ministry, and the posts after it are the general's
    got = posts(
        "Đại tướng Ngô Xuân Lịch, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Quốc phòng phát biểu.", published=None
    )
    assert ("Ngô Xuân Lịch", "Bộ trưởng", "Bộ Quốc phòng") in got
