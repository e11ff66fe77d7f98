"""Running headers/footers and page numbers in OCR output (index.ocr.drop_running_lines), no Tesseract needed.

Pages are built the way index.ocr builds them from Tesseract's TSV: paragraphs of lines with their
place on a 3508-pixel page (A4 at 300 dpi).  OCR reads the same header a little differently from
page to page, so matching allows slips; digits are normalised so "Trang 3/12" matches "Trang 4/12".
"""
from __future__ import annotations

from index.ocr import OcrLine, OcrPage, OcrParagraph, _paragraphs_from_tsv, drop_running_lines

H = 3508


def para(*lines: tuple[str, int]) -> OcrParagraph:
    return OcrParagraph([OcrLine(text, top, top + 50, 40.0) for text, top in lines])


def page(number: int, header: str | None, body: list[str], footer: str | None) -> OcrPage:
    paras = []
    if header is not None:
        paras.append(para((header, 150)))
    top = 600
    for text in body:
        paras.append(para((text, top)))
        top += 120
    if footer is not None:
        paras.append(para((footer, 3300)))
    return OcrPage(number, paras, 90.0, H)


HEADERS = ["Báo cáo tình hình kinh tế - xã hội tháng 01/2023", "Báo cáo tình hình kinh tế - xã hôi tháng 01/2023",
           "Báo cáo tình hình kinh tế - xã hội tháng 01/2023", "Bảo cáo tình hình kinh tế - xã hội tháng 0l/2023",
           "Báo cáo tình hình kinh tế - xã hội tháng 01/2023"]


def test_header_with_ocr_slips_and_page_numbers_go_body_stays():
    pages = [page(k + 1, HEADERS[k], [f"Đoạn thân bài số {k} trang {k + 1} có 12{k} ha lúa."],
                  f"Trang {k + 1}/5" if k != 2 else f"Trang {k + 1}/S") for k in range(5)]
    drop_running_lines(pages)
    assert [p.paragraphs for p in pages] == [[f"Đoạn thân bài số {k} trang {k + 1} có 12{k} ha lúa."]
                                             for k in range(5)]


def test_odd_and_even_headers_and_dash_page_numbers():
    odd, even = "UBND TỈNH LẠNG SƠN", "Báo cáo kinh tế - xã hội tháng 01/2023"
    pages = [page(k + 1, odd if k % 2 == 0 else even, [f"Nội dung {k}"], f"- {k + 1} -") for k in range(6)]
    drop_running_lines(pages)
    assert [p.paragraphs for p in pages] == [[f"Nội dung {k}"] for k in range(6)]


def test_two_pages_and_a_header_line_inside_a_paragraph():
    """Tesseract may put the header in the first paragraph: only that line goes."""
    pages = []
    firsts = ["Tổng diện tích vải thiều toàn xã 1.120 ha,", "trong đó nhân dân đóng góp 420 triệu đồng"]
    for k in range(2):
        first = para(("UBND XÃ TÂN LẬP - BÁO CÁO QUÝ III", 150), (firsts[k], 240))
        pages.append(OcrPage(k + 1, [first, para(("Đoạn khác.", 600))], 90.0, H))
    drop_running_lines(pages)
    assert [p.paragraphs for p in pages] == [[firsts[0], "Đoạn khác."], [firsts[1], "Đoạn khác."]]


def test_lines_repeated_on_few_pages_or_mid_page_stay():
    body = ["Tổng thu ngân sách 4.862 triệu đồng.", "Ghi chú"]
    pages = [page(k + 1, "Phụ lục I" if k < 2 else None, body, None) for k in range(6)]
    drop_running_lines(pages)
    assert pages[0].paragraphs == ["Phụ lục I"] + body                  # on 2 pages of 6: kept
    assert all(p.paragraphs[-2:] == body for p in pages)               # mid-page repeats: kept


def test_tsv_gives_positioned_lines():
    rows = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
            "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
            "5\t1\t1\t1\t1\t1\t100\t150\t200\t40\t96\tTrang",
            "5\t1\t1\t1\t1\t2\t320\t152\t80\t40\t91\t3/12",
            "5\t1\t2\t1\t1\t1\t100\t300\t200\t44\t90\tsản-",
            "5\t1\t2\t1\t2\t1\t100\t360\t200\t44\t90\txuất"]
    paras, conf, height = _paragraphs_from_tsv("\n".join(rows) + "\n")
    assert height == 3508 and 90 < conf < 96
    assert [p.text for p in paras] == ["Trang 3/12", "sản-xuất".replace("-", "")]
    assert (paras[0].lines[0].top, paras[0].lines[0].bottom) == (150, 192)


# ---------------------------------------------------------------- page-foot footnotes
def lines_para(top: int, texts: list[str], box: int, left: int = 377, first_left: int | None = None) -> OcrParagraph:
    """Lines as Tesseract boxes them; characters are ~0.46 x the line box wide (24 px in 13 pt at 300 dpi)."""
    return OcrParagraph([OcrLine(t, top + k * (box + 10), top + k * (box + 10) + box, box * 0.8,
                                 left=first_left if k == 0 and first_left is not None else left,
                                 char_w=0.46 * box)
                         for k, t in enumerate(texts)])


BODY = "Sản lượng vải thiều cả vụ đạt 8.950 tấn\", tăng 12,6% so với năm 2022; trong đó vải sớm"


def test_page_foot_is_split_off_by_smaller_lines_and_a_number_mark():
    from index.ocr import split_foot
    body = [lines_para(300 + 300 * k, [BODY] * 4, 52) for k in range(5)]
    foot = [lines_para(2900, ["! Trong đó: thôn Đồng Vành 1.480 tấn, thôn Tân Hòa 1.260 tấn, còn lại"], 41),
            lines_para(2960, ["5.080 tấn."], 41)]
    got_body, got_foot = split_foot(OcrPage(1, body + foot, 95.0, 3300))
    assert got_body == body and got_foot == foot
    # the same small lines without a footnote number are body text (a small-print note, a table)
    plain = [lines_para(2900, ["Ghi chú: số liệu ước tính đến ngày 20/9/2023 của các thôn"], 41)]
    assert split_foot(OcrPage(1, body + plain, 95.0, 3300)) == (body + plain, [])


def test_footnote_numbers_follow_the_document_and_marks_become_references():
    from index.ocr import foot_notes, mark_references
    foot = [lines_para(2900, ["! Trong đó: thôn Đồng Vành 1.480 tấn, còn lại"], 41),
            lines_para(2960, ["5.080 tấn."], 41),
            # two footnotes in one Tesseract paragraph; the second one's raised "4" was lost by OCR,
            # its first line starts that mark's width right of the margin
            lines_para(3000, ["3 Trường Mầm non Tân Lập 392 trẻ.", "Trong đó hộ nghèo là đồng bào dân tộc",
                              "thiểu số 1.034 hộ."], 41)]
    foot[2].lines[1].left = 398
    assert foot_notes(foot, 2, margin=377) == [
        ("2", "Trong đó: thôn Đồng Vành 1.480 tấn, còn lại 5.080 tấn."),
        ("3", "Trường Mầm non Tân Lập 392 trẻ."),
        ("4", "Trong đó hộ nghèo là đồng bào dân tộc thiểu số 1.034 hộ.")]
    # a foot opening at the margin without a number: the previous page's last footnote runs on
    assert foot_notes([lines_para(2900, ["đồng, tăng 5,1%.", "7 Cụm công nghiệp Hồ Sơn."], 41)], 7, 377) == [
        (None, "đồng, tăng 5,1%."), ("7", "Cụm công nghiệp Hồ Sơn.")]
    body = ['Phát động "Tết trồng cây" và ra quân.', BODY, "toàn xã có 1.486 học sinh các cấp”; 3.250 m2 đất."]
    assert mark_references(body, ["2", "3"]) == [
        'Phát động "Tết trồng cây" và ra quân.',                          # a real quote stays
        BODY.replace('tấn"', "tấn[^2]"),
        "toàn xã có 1.486 học sinh các cấp[^3]; 3.250 m2 đất."]             # "m2" is a unit
    assert mark_references(["cây ăn quả hiện có 39.870 haỶ. Sầu riêng"], ["2"]) == [
        "cây ăn quả hiện có 39.870 ha[^2]. Sầu riêng"]                     # "²" read as a capital
    assert mark_references(["tăng 6,8% so với cùng kỳ năm 2022'. Trong đó"], ["1"]) == [
        "tăng 6,8% so với cùng kỳ năm 2022[^1]. Trong đó"]                 # after a figure
    assert mark_references(["Không có dấu tham chiếu nào"], ["4"]) == ["Không có dấu tham chiếu nào[^4]"]


def test_a_lost_reference_does_not_shift_the_others():
    """OCR lost the first raised number of the page: the mark it did read goes to the footnote that
    shares the paragraph's words, and the other footnote to the paragraph it shares words with."""
    from index.ocr import mark_references
    body = ["Kim ngạch xuất khẩu 11 tháng ước đạt 1.520 triệu USD, giảm 11,6%. Về nhập khẩu, tăng 3%.",
            "Công tác tiết kiệm điện được triển khai; đã tiết kiệm được 458,2 triệu kWh”, bằng 2,35%.",
            "Nơi nhận: - Như trên; - Lưu: VT."]
    notes = ["Kim ngạch xuất khẩu các mặt hàng khác: phụ tùng ô tô 1.236 triệu USD.",
             "Tiết kiệm điện chủ yếu ở khu vực hành chính: 212 triệu kWh đã tiết kiệm được."]
    assert mark_references(body, ["4", "5"], notes) == [
        body[0] + "[^4]", body[1].replace("kWh”", "kWh[^5]"), body[2]]


# ---------------------------------------------------------------- measured misses on the scanned zoo and sample
HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def tsv_page(lines: list[tuple], height: int = 3300) -> str:
    """Tesseract TSV of a page: each line (block, par, top, left, words, char width, word height);
    a word is a string or (text, left, top, width, height) when its box is given."""
    rows = [HEAD, f"1\t1\t0\t0\t0\t0\t0\t0\t2480\t{height}\t-1\t"]
    line_no: dict = {}
    for block, par, top, left, words, cw, h in lines:
        n = line_no[(block, par)] = line_no.get((block, par), 0) + 1
        x = left
        for k, w in enumerate(words, start=1):
            if isinstance(w, tuple):
                text, x0, y0, width, wh = w
            else:
                text, x0, y0, width, wh = w, x, top, round(len(w) * cw), h
            rows.append(f"5\t1\t{block}\t{par}\t{n}\t{k}\t{x0}\t{y0}\t{width}\t{wh}\t95\t{text}")
            x = x0 + width + 14
    return "\n".join(rows) + "\n"


BODY_WORDS = "công tác tiết kiệm điện được triển khai quyết liệt trong toàn thành phố năm nay".split()


def body_lines(block: int, top: int, n: int) -> list[tuple]:
    return [(block, 1, top + 71 * k, 377, BODY_WORDS, 24, 46) for k in range(n)]


def test_a_raised_mark_read_as_a_letter_starts_a_footnote():
    """Hà Nội's scan: the raised "5" of the page's second footnote read "Š", at the margin.  The
    mark's box (small, above the line's mid-height) says it is one: it starts footnote 5 instead
    of running on footnote 4, and the text after it is the footnote's."""
    from index.ocr import foot_notes, left_margin, split_foot
    fn4 = ["Các", "mặt", "hàng", "khác:", "phụ", "tùng", "ô", "tô", "1.236", "triệu", "USD,", "tăng", "7,4%."]
    fn5 = ["Trong", "đó:", "cơ", "quan", "hành", "chính", "36,8", "triệu", "kWh;", "chiếu", "sáng", "công", "cộng."]
    lines = body_lines(1, 400, 8) + [
        (2, 1, 2738, 376, [("*", 376, 2738, 11, 16)] + fn4, 19, 36),
        (3, 1, 2904, 377, [("Š", 377, 2904, 10, 16)] + fn5, 19, 36)]
    paras, _, height = _paragraphs_from_tsv(tsv_page(lines))
    page = OcrPage(3, paras, 95.0, height)
    _, foot = split_foot(page)
    assert foot_notes(foot, 4, left_margin(page)) == [("4", " ".join(fn4)), ("5", " ".join(fn5))]
    # a dash opening a list line sits as high, but is no mark
    dash = _paragraphs_from_tsv(tsv_page([(1, 1, 400, 377, [("-", 377, 420, 14, 4)] + fn5, 24, 46)]))[0]
    assert not dash[0].lines[0].lead_raised


def test_a_footnote_line_of_capitals_and_names_is_still_small_print():
    """Lạng Sơn's last page: a footnote listing "Cụm công nghiệp Hồ Sơn 1, ..." has wide capitals;
    the font size is read from its lower-case words, so it is still the page's foot."""
    from index.ocr import foot_notes, left_margin, split_foot
    names = ["Cụm", "công", "nghiệp", "Hồ", "Sơn", "Cụm", "công", "nghiệp", "Đông", "Nam", "Đông", "Mô,", "Cụm",
             "Dương", "Hòa", "Sơn;", "Lộc", "Bình."]
    words = [(w, 26 if w[0].isupper() else 19) for w in names]
    lines = body_lines(1, 400, 8)
    x, foot_words = 399, []
    for w, cw in words:                       # a lost mark: the first line starts a mark's width in
        foot_words.append((w, x, 2906, len(w) * cw, 35))
        x += len(w) * cw + 14
    lines.append((2, 1, 2906, 399, foot_words, 0, 35))
    paras, _, height = _paragraphs_from_tsv(tsv_page(lines))
    page = OcrPage(11, paras, 95.0, height)
    body, foot = split_foot(page)
    assert len(body) == 1 and foot_notes(foot, 9, left_margin(page)) == [("9", " ".join(names))]


def test_a_heading_that_fills_its_line_is_not_glued_to_the_indented_text_under_it():
    """Tesseract put "1.4. ..." and its paragraph in one paragraph, with no wider gap and no room
    left after the heading: the next line's first-line indent starts the section's text."""
    heading = "1.4. Sản xuất công nghiệp; thương mại, dịch vụ và du lịch hiện nay".split()
    text = "Tình hình sản xuất công nghiệp trong tháng nhìn chung ổn định chỉ".split()
    lines = [(1, 1, 2031, 381, heading, 30, 52), (1, 1, 2111, 493, text, 24, 46)] + \
        [(1, 1, 2182 + 71 * k, 377, BODY_WORDS, 24, 46) for k in range(3)]
    paras, _, _ = _paragraphs_from_tsv(tsv_page(lines))
    assert [p.text.split()[:2] for p in paras] == [["1.4.", "Sản"], ["Tình", "hình"]]
    assert len(paras[1].lines) == 4


def test_a_footnote_left_open_runs_on_at_the_next_page_foot_without_a_mark(monkeypatch, tmp_path):
    """Lạng Sơn's footnote 5 ends its page on "..., đạt" and runs on at the next page's foot, at the
    margin and with no mark: that foot is its continuation, not body text of the next page."""
    from index import loader_pdf, ocr
    from index.model import FOOTNOTE, PARA
    from index.structure import parse_report
    body = [lines_para(300 + 300 * k, [BODY] * 4, 52) for k in range(5)]
    first = OcrPage(1, [*body[:4], lines_para(1500, ["Sản lượng tăng so với cùng kỳ”. Tiếp tục thẩm định."], 52),
                        lines_para(2900, ["Điện sản xuất 60,5 triệu kWh; Nước máy: 790,0 nghìn m3, đạt"], 41,
                                   first_left=399)], 95.0, 3300)
    second = OcrPage(2, [*body, lines_para(2900, ["8,1%, tăng 2,6%; Bột đá mài: 500,0 tấn, đạt 6,8%."], 41)],
                     95.0, 3300)
    assert ocr.split_foot(second)[1] == []                  # alone, a small line without a mark is body
    monkeypatch.setattr(ocr, "ocr_pages", lambda path, n, progress=None, lang="vie": iter([first, second]))
    doc = loader_pdf._load_by_ocr(tmp_path / "scan.pdf", "scan.pdf", 2, None, None)
    assert not any("Bột đá mài" in b.text for b in doc.blocks if b.kind == PARA)
    assert [(b.page, b.footnote_id) for b in doc.blocks if b.kind == FOOTNOTE] == [(1, "1"), (2, None)]
    report = parse_report(doc)
    assert report.footnotes and list(report.footnotes.values())[0].text.endswith("đạt 8,1%, tăng 2,6%; "
                                                                                 "Bột đá mài: 500,0 tấn, đạt 6,8%.")


def test_a_section_number_ocr_misread_is_put_back_in_sequence():
    from index.ocr import repair_roman_numbers
    texts = ["A. KINH TẾ", "I. Nông nghiệp", "Lúa 12.180 ha.", "II. Công nghiệp", "II. Tài chính - ngân sách",
             "Thu 98,46 tỷ đồng.", "IV. Đầu tư", "B. XÃ HỘI", "I. Giáo dục", "II. Y tế", "III. Lao động"]
    assert repair_roman_numbers(texts) == texts[:4] + ["III. Tài chính - ngân sách"] + texts[5:]
    restart = ["I. Kinh tế", "II. Xã hội", "I. Nhiệm vụ", "II. Giải pháp"]           # a new part restarts
    assert repair_roman_numbers(restart) == restart
