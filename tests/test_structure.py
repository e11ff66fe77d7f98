"""The report structure parser on the real sample: header, headings, footnotes, joins."""
from __future__ import annotations

import re

from index.chunking import chunk_report
from index.loaders import load_file
from index.structure import is_open, looks_like_heading, parse_report
from index.vntext import match_form
from sample_facts import FOOTNOTE_SECTION

SUPERSCRIPT_MARKER = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]")


def _section_of_footnote(report, fid):
    paras = [p for p in report.paragraphs if fid in p.footnote_ids]
    assert paras, f"footnote {fid} is cited by no paragraph"
    return paras[0].section_path[-1]


def test_header_metadata(sample_report):
    m = sample_report.meta
    assert m.title == "Báo cáo tình hình kinh tế - xã hội tháng 01, nhiệm vụ trọng tâm tháng 02 năm 2023"
    assert (m.period, m.month, m.year, m.period_kind) == ("tháng 01/2023", 1, 2023, "month")
    assert (m.plan_month, m.plan_year) == (2, 2023)
    assert m.province == "Lạng Sơn"
    assert m.number == "/BC-UBND"
    assert m.issuer == "UBND tỉnh Lạng Sơn"
    assert m.date == "ngày tháng 01 năm 2023"


def test_heading_hierarchy(sample_report):
    paths = {tuple(p.section_path) for p in sample_report.paragraphs}
    assert ("II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 01 NĂM 2023", "1. Lĩnh vực phát triển kinh tế",
            "1.2. Phát triển kinh tế cửa khẩu") in paths
    assert ("II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 01 NĂM 2023", "7. Công tác cải cách hành chính") in paths
    assert ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",) in paths
    # "1.1." ends when "2." starts: no stale level-3 heading under section 2
    for p in sample_report.paragraphs:
        if len(p.section_path) > 1 and p.section_path[1].startswith("2. "):
            assert len(p.section_path) == 2


def test_task_items_are_items_not_headings(sample_report):
    tasks = [p for p in sample_report.paragraphs if p.kind == "task"]
    assert [p.item for p in tasks] == [str(i) for i in range(1, 13)]
    assert all(p.section_path == ["III. NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2023"] for p in tasks)
    # the item cut by a page break and footnote 8 reads whole, and cites footnote 9
    item5 = tasks[4]
    assert "thành lập các cụm công nghiệp đang thực hiện. Hoàn thiện" in item5.text
    assert item5.footnote_ids == ["9"]
    assert tasks[3].footnote_ids == ["8"]
    assert "Tham mưu trình Ban Thường vụ Tỉnh ủy ban hành Nghị quyết" in tasks[10].text


def test_every_footnote_in_the_section_that_cites_it(sample_report):
    expected = FOOTNOTE_SECTION
    assert sorted(sample_report.footnotes) == sorted(expected)
    for fid, section in expected.items():
        assert _section_of_footnote(sample_report, fid) == section


def test_footnote_4_continues_on_next_page_foot(sample_report):
    fn4 = sample_report.footnotes["4"].text
    assert fn4.startswith("Trong đó: Vốn ngân sách tỉnh: 1.226,1 tỷ đồng")
    assert "đạt 85,6% kế hoạch giao đầu năm, Cụ thể: Vốn trong nước" in fn4
    assert fn4.endswith("Vốn chương trình MTQG: 634,5 tỷ đồng, đạt 75,3% kế hoạch.")
    # ...and that continuation is not body text of section 1.5, where it is printed
    s15 = " ".join(p.text for p in sample_report.paragraphs if p.section_path[-1:] == [
        "1.5. Phát triển doanh nghiệp, thu hút đầu tư"])
    assert "Vốn nước ngoài (ODA)" not in s15
    assert "tính từ đầu năm đến ngày 16/01/2023, toàn tỉnh đã đăng ký thành lập mới được 25 doanh nghiệp" in s15


def test_sentences_cut_by_page_breaks_read_whole(sample_report):
    body = " ".join(p.text for p in sample_report.paragraphs)
    for joined in [
        "Ban hành kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2023",
        "Ước kết quả giải ngân kế hoạch vốn năm 2023 đến hết tháng 01/2023 là 45 tỷ đồng",
        "triển khai thực hiện các chương trình, dự án đầu tư xây dựng theo kế hoạch năm 2023",
        "chuyển quà của Chủ tịch UBND tính đến 7.191 đối tượng, kinh phí 4.365 triệu đồng",
        "xây dựng kế hoạch cuộc thi Sáng tạo dành cho thanh thiếu niên nhi đồng",
        "Vệ sinh an toàn thực phẩm tỉnh Lạng Sơn về kế hoạch triển khai công tác bảo đảm an toàn thực phẩm "
        "Tết Nguyên đán Quý Mão và mùa Lễ hội Xuân năm 2023".lower(),
    ]:
        assert match_form(joined) in match_form(body)


def test_no_footnote_text_glued_into_body(sample_report):
    body = "\n".join(p.text for p in sample_report.paragraphs if p.kind in ("body", "task"))
    for fn in sample_report.footnotes.values():
        assert fn.text[:40] not in body
    assert not SUPERSCRIPT_MARKER.search(body), "footnote markers must be resolved out of body text"
    assert "ước đạt 3.666 ha;" in body


def test_unit_superscript_is_not_a_marker(sample_report):
    assert "260 nghìn m³" in sample_report.footnotes["5"].text


def test_recipients_and_signature_are_units(sample_report):
    rec = [p for p in sample_report.paragraphs if p.kind == "recipients"]
    sig = [p for p in sample_report.paragraphs if p.kind == "signature"]
    assert len(rec) == 1 and rec[0].text.startswith("Nơi nhận:") and "- Lưu: VT, TH (HTMD)." in rec[0].text
    assert len(sig) == 1 and sig[0].text.startswith("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nDương Xuân Huyền")
    # the signature as printed: no derived sentence is added to quotable text (issue 12)
    assert sig[0].text == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nDương Xuân Huyền"
    assert not any("Thông tin văn bản" in p.text for p in sample_report.paragraphs)
    assert (sample_report.meta.signer, sample_report.meta.signer_title) == ("Dương Xuân Huyền", "PHÓ CHỦ TỊCH")
    # neither leaks into the NHIỆM VỤ section
    last_body = [p for p in sample_report.paragraphs if p.kind == "body"][-1]
    assert last_body.text.endswith("năm 2023./.")


def test_chunks_carry_their_footnotes_and_never_glue(sample_report):
    chunks = chunk_report(sample_report, "0" * 64)
    for fid, fn in sample_report.footnotes.items():
        holders = [c for c in chunks if fn.text in c.footnotes]
        assert holders, f"footnote {fid} in no chunk"
        cited_in = {c.section_path[-1] for c in holders}
        assert cited_in == {_section_of_footnote(sample_report, fid)}
        for c in holders:
            assert fn.text in c.text and fn.text not in c.body
    oda = [c for c in chunks if "Vốn nước ngoài (ODA): 224,8 tỷ đồng" in c.text]
    assert oda and all(c.section_path[-1] == "1.3. Hoạt động đầu tư xây dựng kết cấu hạ tầng" for c in oda)


def test_is_open_and_heading_rules():
    assert is_open("triển khai thực hiện")
    assert not is_open("năm 2023./.")
    assert not is_open("giải pháp chủ yếu sau:")
    assert not is_open("“siết chặt kỷ cương”.")
    assert looks_like_heading("1.2. Phát triển kinh tế cửa khẩu") == 3
    assert looks_like_heading("III. NHIỆM VỤ TRỌNG TÂM THÁNG 02 NĂM 2023") == 1
    assert looks_like_heading("a) Về nông nghiệp") == 5
    assert looks_like_heading("1. Tập trung chỉ đạo triển khai. Tiếp tục thực hiện quyết liệt.") is None
    assert looks_like_heading("12. Triển khai nghiêm túc kế hoạch thanh tra, kiểm tra năm 2023.") is None


def test_form_feed_pages_and_bare_page_break(tmp_path):
    text = ("BÁO CÁO\nTình hình kinh tế - xã hội quý I năm 2024\n\nI. KẾT QUẢ\n\n"
            "Tổng thu ngân sách đạt 1.000 tỷ đồng¹, tăng 5% so với\n\n¹ Gồm thu nội địa 600 tỷ đồng.\n"
            "\f cùng kỳ năm trước.\n\nII. NHIỆM VỤ QUÝ II\n\n1. Tăng cường thu ngân sách. Quản lý chi.\n")
    f = tmp_path / "r.txt"
    f.write_text(text, encoding="utf-8")
    r = parse_report(load_file(f))
    assert r.meta.period == "quý I/2024" and r.meta.period_kind == "quarter"
    body = [p for p in r.paragraphs if p.kind == "body"]
    assert body[0].text == "Tổng thu ngân sách đạt 1.000 tỷ đồng, tăng 5% so với cùng kỳ năm trước."
    assert body[0].page == 1 and body[0].footnote_ids == ["1"]
    assert r.footnotes["1"].text == "Gồm thu nội địa 600 tỷ đồng."
    task = [p for p in r.paragraphs if p.kind == "task"]
    assert task and task[0].item == "1" and task[0].page == 2


def test_a_plan_part_is_tasks_and_a_results_part_naming_tasks_is_not(tmp_path):
    """A yearly report's "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2022" holds the year's figures and "III. KẾ HOẠCH
    NĂM 2023" its targets: the retriever reads a report planning the asked year only in its task part."""
    text = ("BÁO CÁO\nKết quả thực hiện nhiệm vụ năm 2022 và kế hoạch năm 2023 ngành nông nghiệp\n\n"
            "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2022\n\nTổng sản lượng thủy sản năm 2022 đạt 265.400 tấn.\n\n"
            "II. KẾ HOẠCH NĂM 2023\n\n1. Mục tiêu, chỉ tiêu chủ yếu\n\nSản lượng thủy sản đạt 272.000 tấn.\n")
    f = tmp_path / "so_nn_2022.txt"
    f.write_text(text, encoding="utf-8")
    r = parse_report(load_file(f))
    from qa.retriever import is_task_section
    tasks = {p.text[:24]: is_task_section(p.section_path, {"kind": p.kind}) for p in r.paragraphs
             if p.kind in ("body", "task")}
    assert tasks == {"Tổng sản lượng thủy sản ": False, "Sản lượng thủy sản đạt 2": True}
    assert (r.meta.period, r.meta.plan_period) == ("năm 2022", "năm 2023")


def test_one_paragraph_per_line_text(tmp_path):
    """Text without blank lines: headings, paragraphs and hard-wrapped lines still come apart right
    (it used to give the header and the first body chunk one id, and Chroma refused the batch)."""
    f = tmp_path / "lines.txt"
    f.write_text("ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n\nBÁO CÁO\nTình hình kinh tế - xã hội tháng 02 năm 2023\n\n"
                 "I. TÌNH HÌNH KINH TẾ\n1. Nông nghiệp\nTổng đàn dê ước đạt 12.345 con, tăng 2% so với cùng kỳ.\n"
                 "Tổng đàn lợn đạt 100.000 con.\n2. Công nghiệp\nChỉ số sản xuất công nghiệp tăng 4,5% so với "
                 "cùng kỳ năm\ntrước, trong đó ngành chế biến tăng 6%.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n",
                 encoding="utf-8")
    r = parse_report(load_file(f))
    assert r.meta.province == "Cao Bằng" and r.meta.period == "tháng 02/2023"
    body = [(p.section_path[-1], p.text) for p in r.paragraphs if p.kind == "body"]
    assert body == [
        ("1. Nông nghiệp", "Tổng đàn dê ước đạt 12.345 con, tăng 2% so với cùng kỳ."),
        ("1. Nông nghiệp", "Tổng đàn lợn đạt 100.000 con."),
        ("2. Công nghiệp", "Chỉ số sản xuất công nghiệp tăng 4,5% so với cùng kỳ năm trước, trong đó ngành chế "
                           "biến tăng 6%."),
    ]
    ids = [c.chunk_id for c in chunk_report(r, "x" * 64)]
    assert len(ids) == len(set(ids))


def test_header_and_intro_share_no_chunk_id(tmp_path):
    f = tmp_path / "intro.txt"
    f.write_text("BÁO CÁO\nTình hình tháng 03 năm 2024\n\nThực hiện chỉ đạo, UBND huyện báo cáo như sau:\n\n"
                 "I. KẾT QUẢ\n\nThu ngân sách đạt 10 tỷ đồng.\n", encoding="utf-8")
    chunks = chunk_report(parse_report(load_file(f)), "y" * 64)
    ids = [c.chunk_id for c in chunks]
    assert len(ids) == len(set(ids)) and [c.kind for c in chunks][:2] == ["header", "body"]


CITY_REPORT = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG

BÁO CÁO
Tình hình kinh tế - xã hội tháng 8 năm 2024

CÔNG NGHIỆP

Chỉ số sản xuất công nghiệp tháng 8 tăng 12,4% so với cùng kỳ.

XUẤT NHẬP KHẨU

Kim ngạch xuất khẩu tháng 8 ước đạt 2.310 triệu USD, tăng 9,1%.

NHIỆM VỤ TRỌNG TÂM THÁNG 9 NĂM 2024

1. Phấn đấu giải ngân vốn đầu tư công đạt 60% kế hoạch năm.

PHỤ LỤC: MỘT SỐ CHỈ TIÊU CHỦ YẾU THÁNG 8 NĂM 2024

Thu ngân sách 8 tháng đạt 61.200 tỷ đồng.
"""


def test_unnumbered_capital_headings_are_sections_and_an_appendix_closes_the_task_list(tmp_path):
    """A city report heads its parts with capitals and no numbers ("XUẤT NHẬP KHẨU"): each is a section
    (it used to be glued to the first sentence under it, and its task list went unseen); an appendix after
    the task list is not a task."""
    from qa.retriever import is_task_section
    f = tmp_path / "haiphong_2024-08.txt"
    f.write_text(CITY_REPORT, encoding="utf-8")
    r = parse_report(load_file(f))
    body = [(p.section_path, p.text[:12], is_task_section(p.section_path, {"kind": p.kind}))
            for p in r.paragraphs if p.kind in ("body", "task")]
    assert body == [
        (["CÔNG NGHIỆP"], "Chỉ số sản x", False),
        (["XUẤT NHẬP KHẨU"], "Kim ngạch xu", False),
        (["NHIỆM VỤ TRỌNG TÂM THÁNG 9 NĂM 2024"], "1. Phấn đấu ", True),
        (["PHỤ LỤC: MỘT SỐ CHỈ TIÊU CHỦ YẾU THÁNG 8 NĂM 2024"], "Thu ngân sác", False),
    ]


def test_a_capital_line_under_numbered_sections_heads_a_part_of_the_current_one(tmp_path):
    f = tmp_path / "caps_nested.txt"
    f.write_text("BÁO CÁO\nTình hình quý I năm 2024\n\nI. KINH TẾ\n\nNÔNG NGHIỆP\n\nĐàn lợn đạt 10.000 con.\n\n"
                 "II. XÃ HỘI\n\nHộ nghèo còn 1.200 hộ.\n", encoding="utf-8")
    r = parse_report(load_file(f))
    assert [p.section_path for p in r.paragraphs if p.kind == "body"] == [
        ["I. KINH TẾ", "NÔNG NGHIỆP"], ["II. XÃ HỘI"]]


def test_notes_collected_at_the_end_are_footnotes_of_the_paragraphs_citing_them(tmp_path):
    """A department's yearly report cites "(1)" glued to a word and prints the notes after "Ghi chú:" at
    the end: each note is a footnote of the paragraph citing it, not a body paragraph of the last section
    (there it read as a task of next year's plan)."""
    f = tmp_path / "so_nn_2022.txt"
    f.write_text("BÁO CÁO\nTổng kết năm 2022\n\nI. KẾT QUẢ NĂM 2022\n\n"
                 "Đàn bò 487.900 con, trong đó đàn bò sữa 68.500 con(1); đàn lợn 1.028.600 con.\n\n"
                 "Diện tích cam 4.320 ha(2). Mỗi hộ được hỗ trợ (3) lần.\n\n"
                 "II. KẾ HOẠCH NĂM 2023\n\n1. Đẩy mạnh chăn nuôi bò sữa.\n\nGhi chú:\n\n"
                 "(1) Năng suất sữa bình quân 22,5 kg/con/ngày.\n\n(2) Diện tích cam cho sản phẩm 3.150 ha.\n\n"
                 "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\n", encoding="utf-8")
    r = parse_report(load_file(f))
    assert {k: fn.text for k, fn in r.footnotes.items()} == {
        "1": "Năng suất sữa bình quân 22,5 kg/con/ngày.", "2": "Diện tích cam cho sản phẩm 3.150 ha."}
    cites = {p.text: p.footnote_ids for p in r.paragraphs if p.kind in ("body", "task")}
    assert cites == {
        "Đàn bò 487.900 con, trong đó đàn bò sữa 68.500 con; đàn lợn 1.028.600 con.": ["1"],
        "Diện tích cam 4.320 ha. Mỗi hộ được hỗ trợ (3) lần.": ["2"],     # "(3)" after a space is text
        "1. Đẩy mạnh chăn nuôi bò sữa.": [],
    }
    # the chunk keeps, for each footnote, the paragraph that cites it
    chunk = next(c for c in chunk_report(r, "z" * 64) if c.footnotes)
    assert chunk.footnote_citers[0].startswith("Đàn bò 487.900 con")


def test_a_note_cited_after_a_space_is_a_footnote_of_its_paragraph(tmp_path):
    """Many offices type the citation after a space: "… so với đầu năm (1)." or, alone in its paragraph,
    inside a clause: "giải ngân 38,6 tỷ đồng (2) cho 812 lao động".  An inline list "(1) …; (2) …"
    is text, and so is a number in brackets no note carries."""
    f = tmp_path / "xa_2024.txt"
    f.write_text("BÁO CÁO\nTình hình năm 2024\n\nKINH TẾ\n\n"
                 "Giá dừa khô cuối năm 95.000 đồng/chục, gấp 2 lần so với đầu năm (1).\n\n"
                 "Giải ngân 38,6 tỷ đồng (2) cho 812 lao động vay.\n\n"
                 "Nhiệm vụ gồm: (1) tuyên truyền; (2) kiểm tra.\n\n"
                 "Hỗ trợ (7) lần.\n\n"
                 "Ghi chú:\n(1) Giá dừa khô đầu năm khoảng 45.000 đồng/chục.\n"
                 "(2) Trong đó vốn ngân sách tỉnh 26,5 tỷ đồng.\n\n"
                 "Nơi nhận:\n- UBND huyện;\n- Lưu: VT.\n", encoding="utf-8")
    r = parse_report(load_file(f))
    assert set(r.footnotes) == {"1", "2"}
    cites = {p.text: p.footnote_ids for p in r.paragraphs if p.kind == "body"}
    assert cites == {
        "Giá dừa khô cuối năm 95.000 đồng/chục, gấp 2 lần so với đầu năm.": ["1"],
        "Giải ngân 38,6 tỷ đồng cho 812 lao động vay.": ["2"],
        "Nhiệm vụ gồm: (1) tuyên truyền; (2) kiểm tra.": [],
        "Hỗ trợ (7) lần.": [],
    }
