"""The app in a real browser: Debian's headless Chromium driven by Playwright (no browser download).

Each test has a time limit; the server runs in a background thread on a free loopback port and
is closed at the end of the module.  Screenshots go to test-artifacts/ (git-ignored); the chat one
is copied to docs/screenshot-chat.png only with BAOCAO_UPDATE_DOCS=1 (the README's screenshot).
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest_browser import CHROMIUM, chromium_context
from small_report import SMALL_REPORT

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
SECTION = "1.2. Phát triển kinh tế cửa khẩu"

# a long passage whose cited sentence opens it, with no ". " before the figure (the excerpt boundary case)
EXCERPT_REPORT = """ỦY BAN NHÂN DÂN
TỈNH CAO BẰNG

BÁO CÁO
Tình hình kinh tế - xã hội tháng 3 năm 2023

I. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 3 NĂM 2023

1. Phát triển doanh nghiệp

Tiếp tục cải thiện môi trường đầu tư kinh doanh, trong tháng số doanh nghiệp thành lập mới đạt 77 doanh \
nghiệp với tổng vốn đăng ký 512 tỷ đồng, tăng 12,4% so với cùng kỳ năm trước; các cơ quan chuyên môn đã phối \
hợp tổ chức đối thoại với cộng đồng doanh nghiệp, hướng dẫn thủ tục thành lập, giải thể và thay đổi nội dung \
đăng ký kinh doanh, rà soát các dự án chậm tiến độ, đôn đốc các nhà đầu tư triển khai thực hiện theo cam kết, \
đồng thời tăng cường kiểm tra sau đăng ký, xử lý nghiêm các trường hợp vi phạm về thời hạn góp vốn, về chế độ \
báo cáo và về công khai thông tin doanh nghiệp trên cổng thông tin quốc gia, bảo đảm môi trường kinh doanh lành \
mạnh, minh bạch và thuận lợi cho các thành phần kinh tế tham gia đầu tư sản xuất kinh doanh trên địa bàn tỉnh \
trong thời gian tới

2. Thương mại

Tổng mức bán lẻ hàng hóa ước đạt 987 tỷ đồng, tăng 5,5% so với cùng kỳ.
"""
EXCERPT_SOURCE = "caobang_2023-03.txt"
# rendered to PDF and scanned to an image-only page: read by OCR at ingest (its cards say "đã OCR")
SCAN_REPORT = """ỦY BAN NHÂN DÂN
TỈNH HÀ GIANG

BÁO CÁO
Tình hình kinh tế - xã hội tháng 4 năm 2023

I. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 4 NĂM 2023

1. Sản xuất nông nghiệp

Sản lượng chè búp tươi ước đạt 5.432 tấn, tăng 4,1% so với cùng kỳ năm trước.

2. Du lịch

Tổng lượt khách du lịch ước đạt 215 nghìn lượt, tăng 18% so với cùng kỳ.
"""
SCAN_SOURCE = "hagiang_2023-04_scan.pdf"


# rendered to a PDF with a text layer: «Xem trang» shows its page with the cited sentence highlighted
PDF_REPORT = """ỦY BAN NHÂN DÂN
TỈNH THÁI NGUYÊN

BÁO CÁO
Tình hình kinh tế - xã hội tháng 5 năm 2023

I. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 5 NĂM 2023

1. Công nghiệp

Chỉ số sản xuất công nghiệp tháng 5 tăng 7,2% so với cùng kỳ. Sản lượng quặng sắt khai thác ước đạt 48.250 tấn, \
tăng 6,3% so với cùng kỳ năm trước, chủ yếu do mỏ Tiến Bộ mở rộng khai trường.

2. Nông nghiệp

Diện tích chè trồng mới ước đạt 320 ha, tăng 4,5% so với cùng kỳ.
"""
PDF_SOURCE = "thainguyen_2023-05.pdf"
SERVED: dict = {}       # the module's live System (its <db> holds feedback.jsonl)


@pytest.fixture(scope="module")
def server(sample_path, tmp_path_factory):
    """A fresh store (the browser test uploads into it) with the sample ingested, served live."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} missing: run `make browser` (apt-get install chromium)")
    from conftest_browser import running_app

    from qa.system import System
    system = System(db=tmp_path_factory.mktemp("browser-db"))
    import render_report
    from make_scan import make_scan
    folder = tmp_path_factory.mktemp("browser-reports")
    extra = folder / EXCERPT_SOURCE
    extra.write_text(EXCERPT_REPORT, encoding="utf-8")
    scan = make_scan(render_report.render_pdf(SCAN_REPORT, folder / "hagiang.pdf"), folder / SCAN_SOURCE,
                     first=1, last=1, dpi=200, angle=0.5, noise=0.01)
    pdf = render_report.render_pdf(PDF_REPORT, folder / PDF_SOURCE)
    assert not system.ingest([sample_path, extra, scan, pdf])["errors"]
    assert system.documents()[SCAN_SOURCE].meta.get("ocr") is True
    SERVED["system"] = system
    with running_app(system) as (demo, url):
        yield url


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    with chromium_context(tmp_path_factory.mktemp("chromium-profile")) as ctx:
        yield ctx


@pytest.fixture
def page(browser_context, server):
    pg = browser_context.new_page()
    pg.goto(server, wait_until="domcontentloaded")
    pg.locator("#bc-question textarea").wait_for()
    yield pg
    pg.close()


def shot(page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.mark.timeout(240)
def test_chat_answers_with_a_cited_card(page):
    from playwright.sync_api import expect
    page.locator("#bc-question textarea").fill("Tổng kim ngạch xuất nhập khẩu tháng 1 là bao nhiêu?")
    page.locator("#bc-send").click()
    chat = page.locator("#bc-chat")
    card = chat.locator(".bc-card").filter(has_text=SECTION).first
    expect(card).to_be_visible()
    expect(chat).to_contain_text("250 triệu USD")
    expect(card.locator("mark").filter(has_text="250 triệu USD").first).to_be_visible()
    # a short answer line with [1] above the card, the full sentence once, in the card
    expect(chat).to_contain_text("ước đạt 250 triệu USD [1]")
    assert chat.inner_text().count("đạt 6,6% kế hoạch") == 1
    # the cited passage is listed by its last heading (and page, when it has one)
    expect(page.locator("#bc-cited input")).to_have_value(f"[1] {SECTION}")
    # the context panel follows the answer: opened on the cited chunk (scrolled past the previous one), marked
    expect(page.locator(".bc-ctx.bc-cur .bc-ctx-badge")).to_have_text("Đoạn được trích dẫn [1]")
    page.wait_for_function(CITED_AT_PANEL_TOP, timeout=10_000)
    page.wait_for_timeout(1000)  # let the streaming and progress overlays settle before the shot
    path = shot(page, "chat.png", full_page=False)     # a full-page shot resizes the window: panels re-lay out
    if os.environ.get("BAOCAO_UPDATE_DOCS") == "1":     # the README's screenshot, only when asked for
        shutil.copyfile(path, ROOT / "docs" / "screenshot-chat.png")
    # «Xem trong văn bản» brings the cited chunk into the window as well
    page.locator("#bc-show").click()
    expect(page.locator(".bc-ctx.bc-cur")).to_contain_text("250 triệu USD")
    page.wait_for_function(CITED_AT_PANEL_TOP, timeout=10_000)
    expect(page.locator(".bc-ctx.bc-cur mark").first).to_be_in_viewport()


@pytest.mark.timeout(240)
def test_upload_a_report_and_see_it_listed(page, tmp_path):
    from playwright.sync_api import expect
    report = tmp_path / "báo cáo Cao Bằng tháng 02.txt"
    report.write_text(SMALL_REPORT, encoding="utf-8")
    page.get_by_role("tab", name="Báo cáo").click()
    page.locator("#bc-upload input[type=file]").set_input_files(str(report))
    expect(page.locator("#bc-upload-result")).to_contain_text("✓", timeout=120_000)
    expect(page.locator("#bc-upload-result")).to_contain_text("báo cáo Cao Bằng tháng 02.txt")
    expect(page.locator("#bc-docs")).to_contain_text("báo cáo Cao Bằng tháng 02.txt")
    expect(page.locator("#bc-docs")).to_contain_text("langson_ktxh_2023-01.txt")
    shot(page, "reports.png")


# every text the progress bars show, recorded while they are there (they go at the end), timers left out
RECORD_PROGRESS = """() => {
    window.bcProgress = [];
    new MutationObserver(() => {
        for (const el of document.querySelectorAll('.progress-text, .progress-level, .meta-text')) {
            const text = el.textContent.replace(/\\|?\\s*[\\d.]+s\\s*$/, '').trim();
            if (text && !window.bcProgress.includes(text)) window.bcProgress.push(text);
        }
    }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


@pytest.mark.timeout(240)
def test_upload_progress_counts_pages_before_the_end(page, tmp_path):
    """A PDF upload shows its pages being read and its batches embedded, not 0 % until the end."""
    import render_report
    from playwright.sync_api import expect
    pdf = render_report.render_pdf(SMALL_REPORT.replace("02", "06").replace("12.345", "13.579"),
                                   tmp_path / "caobang_2023-06.pdf")
    page.get_by_role("tab", name="Báo cáo").click()
    page.evaluate(RECORD_PROGRESS)
    page.locator("#bc-upload input[type=file]").set_input_files(str(pdf))
    expect(page.locator("#bc-upload-result")).to_contain_text("✓ caobang_2023-06.pdf", timeout=120_000)
    seen = page.evaluate("window.bcProgress")
    # Gradio sends progress at intervals, so a one-page read may fall between two updates on a loaded
    # machine: what must show is counted progress before the end, and pages (when shown) first
    counted = [k for k, t in enumerate(seen) if re.fullmatch(r"\d+/\d+ (trang|đoạn|câu)", t)]
    assert counted, f"no counted progress before the end: {seen}"
    embedding = [k for k, t in enumerate(seen) if re.fullmatch(r"\d+/\d+ (đoạn|câu)", t)]
    if "1/1 trang" in seen:
        assert embedding and seen.index("1/1 trang") < embedding[0], "the pages are counted before the end"
    shot(page, "upload-progress.png")


# the cited chunk's top is at the context panel's top (the panel scrolled to it), and the panel is scrolled
CITED_AT_PANEL_TOP = """() => {
    const cur = document.querySelector('#bc-context .bc-ctx.bc-cur');
    if (!cur) return false;
    const box = cur.closest('.bc-context');
    const gap = cur.getBoundingClientRect().top - box.getBoundingClientRect().top;
    return box.scrollTop > 0 && gap >= 0 && gap < 40;
}"""


def ask(page, question: str):
    """Ask in the chat; the last answer bubble once its cards are there."""
    from playwright.sync_api import expect
    page.locator("#bc-question textarea").fill(question)
    page.locator("#bc-send").click()
    bubble = page.locator("#bc-chat .bc-cards").last
    expect(bubble).to_be_visible()
    return bubble


@pytest.mark.timeout(240)
def test_card_excerpt_keeps_its_first_letter(page):
    """The cited sentence opens its passage (no ". " before the figure): the card starts with its first word."""
    from playwright.sync_api import expect
    cards = ask(page, "Số doanh nghiệp thành lập mới ở Cao Bằng tháng 3 là bao nhiêu?")
    text = cards.locator(".bc-card .bc-text").first
    expect(text).to_contain_text("77 doanh nghiệp")
    assert text.inner_text().startswith("Tiếp tục cải thiện"), text.inner_text()[:60]
    expect(cards.locator(".bc-card .bc-file").first).to_have_text(EXCERPT_SOURCE)
    expect(cards.locator(".bc-ocr")).to_have_count(0)
    page.wait_for_timeout(500)
    shot(page, "chat-excerpt.png")


@pytest.mark.timeout(240)
def test_card_of_a_scanned_pdf_names_the_file_and_says_ocr(page):
    from playwright.sync_api import expect
    cards = ask(page, "Sản lượng chè búp tươi tháng 4 ở Hà Giang là bao nhiêu?")
    card = cards.locator(".bc-card").first
    expect(card).to_contain_text("5.432 tấn")
    expect(card.locator(".bc-file")).to_have_text(SCAN_SOURCE)
    expect(card.locator(".bc-ocr")).to_have_text("đã OCR")
    page.wait_for_timeout(500)
    shot(page, "chat-ocr.png")


ENGLISH_LEFTOVERS = ("Drop File Here", "Click to Upload", "Use via API", "- or -", "steps", "Invalid file type",
                     "Error")


@pytest.mark.timeout(240)
def test_interface_is_vietnamese(page, tmp_path):
    """Gradio's own words (upload box, footer, toasts, progress) are Vietnamese, like the app's."""
    from playwright.sync_api import expect
    expect(page.get_by_role("tab", name="Hỏi đáp")).to_be_visible()
    expect(page.locator("footer")).to_contain_text("Dùng qua API")
    page.get_by_role("tab", name="Báo cáo").click()
    upload = page.locator("#bc-upload")
    expect(upload).to_contain_text("Thả tệp vào đây")
    expect(upload).to_contain_text("Bấm để chọn tệp")
    bad = tmp_path / "chuong-trinh.exe"
    bad.write_bytes(b"MZ not a report")
    upload.locator("input[type=file]").set_input_files(str(bad))
    expect(page.locator("#bc-upload-result")).to_contain_text("chỉ nhận tệp", timeout=120_000)
    page.wait_for_timeout(500)
    shot(page, "vietnamese.png")
    body = page.locator("body").inner_text()
    assert not [w for w in ENGLISH_LEFTOVERS if w in body], body


# the elements inside the chat box that hide part of their content behind a scroll bar
CLIPPED_IN_CHAT = """() => [...document.querySelectorAll('#bc-chat, #bc-chat *')].filter(el => {
    const y = getComputedStyle(el).overflowY;
    return (y === 'auto' || y === 'scroll' || y === 'hidden') && el.scrollHeight > el.clientHeight + 1;
}).map(el => el.className)"""


@pytest.mark.timeout(300)
def test_mobile_640px_shows_every_answer(page):
    """At 640 px the chat box is not a fixed-height window: every answer is on the page, nothing scrolls inside."""
    from playwright.sync_api import expect
    page.set_viewport_size({"width": 640, "height": 900})
    questions = ["Đàn bò có bao nhiêu con?", "Tổng kim ngạch xuất nhập khẩu tháng 1 là bao nhiêu?",
                 "Số hộ nghèo năm 2022 là bao nhiêu?"]
    for i, q in enumerate(questions):
        page.locator("#bc-question textarea").fill(q)
        page.locator("#bc-send").click()
        expect(page.locator("#bc-chat .bc-cards")).to_have_count(i + 1)
    expect(page.locator("#bc-chat")).to_contain_text("17.497 hộ")
    page.wait_for_timeout(1000)
    assert page.evaluate(CLIPPED_IN_CHAT) == []
    first = page.locator("#bc-chat").get_by_text("Đàn bò 28.100 con", exact=False).first
    first.scroll_into_view_if_needed()
    expect(first).to_be_in_viewport()
    last = page.locator("#bc-chat .bc-card").last
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport()
    shot(page, "chat-640px.png")


@pytest.mark.timeout(300)
def test_scope_chips_in_the_chat(page):
    """The report filter is chosen in the chat as chips; with Cao Bằng only, Lạng Sơn's figure is not found;
    removing the chip (its ×) asks all reports again."""
    from playwright.sync_api import expect
    box = page.locator("#bc-scope-sources")
    box.locator("input").first.click()
    page.get_by_role("option", name=f"{EXCERPT_SOURCE} · Cao Bằng").click()
    page.keyboard.press("Escape")
    chip = box.locator(".token").filter(has_text=EXCERPT_SOURCE)
    expect(chip).to_be_visible()
    page.locator("#bc-question textarea").fill("Đàn bò có bao nhiêu con?")
    page.locator("#bc-send").click()
    expect(page.locator("#bc-chat")).to_contain_text("Không tìm thấy thông tin này")
    expect(page.locator("#bc-chat")).to_contain_text(f"Đang giới hạn phạm vi hỏi: {EXCERPT_SOURCE}")
    page.wait_for_timeout(500)
    shot(page, "chat-scope-chip.png")
    chip.locator(".token-remove, [role=button], button").first.click()
    expect(box.locator(".token")).to_have_count(0)
    ask(page, "Đàn bò có bao nhiêu con?")
    expect(page.locator("#bc-chat")).to_contain_text("28.100 con")


def _retag_province(page, source: str, province: str):
    from playwright.sync_api import expect
    box = page.locator("#bc-retag-source")
    box.locator("input").first.click()
    page.get_by_role("option", name=source).first.click()
    field = page.locator("#bc-retag-province textarea, #bc-retag-province input").first
    expect(field).not_to_have_value("")
    field.fill(province)
    page.locator("#bc-retag-save").click()
    expect(page.locator("#bc-retag-result")).to_contain_text(f"tỉnh = {province}")


@pytest.mark.timeout(300)
def test_reports_tab_shows_and_corrects_metadata(page):
    """The Báo cáo tab shows each report's issuer, level, province, period and where each was read; a
    correction there is used by the chat at once (the module's server is restored to Cao Bằng after)."""
    from playwright.sync_api import expect
    page.get_by_role("tab", name="Báo cáo").click()
    docs = page.locator("#bc-docs")
    expect(docs).to_contain_text("UBND tỉnh Lạng Sơn (nội dung)")
    expect(docs).to_contain_text("Cao Bằng (đầu văn bản)")
    expect(docs).to_contain_text("tháng 03/2023 (tiêu đề)")
    try:
        _retag_province(page, EXCERPT_SOURCE, "Bắc Kạn")
        expect(page.locator("#bc-retag-where")).to_contain_text("tỉnh: người dùng sửa")
        expect(docs).to_contain_text("Bắc Kạn (người dùng sửa)")
        shot(page, "reports-retag.png")
        page.get_by_role("tab", name="Hỏi đáp").click()
        cards = ask(page, "Số doanh nghiệp thành lập mới ở Bắc Kạn tháng 3 năm 2023 là bao nhiêu?")
        expect(cards).to_contain_text("77 doanh nghiệp")
        expect(cards.locator(".bc-file").first).to_have_text(EXCERPT_SOURCE)
    finally:
        page.get_by_role("tab", name="Báo cáo").click()
        _retag_province(page, EXCERPT_SOURCE, "Cao Bằng")


@pytest.mark.timeout(300)
def test_history_survives_a_reload(page):
    """A conversation is kept in the browser: after a reload it is listed, reopens, is renamed and deleted."""
    from playwright.sync_api import expect
    # the browser context is shared by the module's tests: start from an empty history (another test's
    # conversation may also open with "Đàn bò có bao nhiêu con?")
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="domcontentloaded")
    page.locator("#bc-question textarea").wait_for()
    page.get_by_text("Lịch sử hội thoại").click()        # the history's panel opens
    ask(page, "Đàn bò có bao nhiêu con?")
    expect(page.locator("#bc-chat")).to_contain_text("28.100 con")
    history = page.locator("#bc-history input").first
    expect(history).to_have_value(re.compile("^Đàn bò có bao nhiêu con\\? · "))
    page.reload(wait_until="domcontentloaded")
    page.locator("#bc-question textarea").wait_for()
    expect(page.locator("#bc-chat .bc-cards")).to_have_count(0)
    page.get_by_text("Lịch sử hội thoại").click()
    history.click()
    option = page.get_by_role("option", name=re.compile("^Đàn bò có bao nhiêu con\\?")).first
    expect(option).to_be_visible()
    option.click()
    page.locator("#bc-history-open").click()
    expect(page.locator("#bc-chat")).to_contain_text("28.100 con")
    expect(page.locator("#bc-chat .bc-card").first).to_be_visible()
    # its citations come back too: the cited passages are listed and the first is marked in the context panel
    expect(page.locator("#bc-cited input").first).to_have_value(re.compile(r"^\[1\] "))
    expect(page.locator("#bc-context .bc-ctx.bc-cur")).to_contain_text("28.100")
    page.locator("#bc-history-name textarea, #bc-history-name input").first.fill("Chăn nuôi tháng 1")
    page.locator("#bc-history-rename").click()
    expect(history).to_have_value(re.compile("^Chăn nuôi tháng 1 · "))
    page.wait_for_timeout(500)
    shot(page, "chat-history.png")
    page.reload(wait_until="domcontentloaded")
    page.locator("#bc-question textarea").wait_for()
    page.get_by_text("Lịch sử hội thoại").click()
    history.click()
    renamed = page.get_by_role("option", name=re.compile("^Chăn nuôi tháng 1"))
    expect(renamed).to_have_count(1)
    renamed.click()
    page.locator("#bc-history-delete").click()
    expect(history).to_have_value("")
    history.click()
    expect(page.get_by_role("option", name=re.compile("^Chăn nuôi tháng 1"))).to_have_count(0)


@pytest.mark.timeout(300)
def test_feedback_written_and_exported(page, tmp_path):
    """👎 on an answer and a comment land in <db>/feedback.jsonl; `baocao feedback --export` drafts a question."""
    from playwright.sync_api import expect

    from qa.cli import main
    from qa.feedback import entries
    db = SERVED["system"].db
    before = len(entries(db))
    question = "Số hộ nghèo năm 2022 là bao nhiêu?"
    ask(page, question)
    bot = page.locator("#bc-chat .message-row, #bc-chat .message").filter(has=page.locator(".bc-cards")).last
    bot.hover()
    page.locator("#bc-chat").get_by_role("button", name=re.compile("Không thích|Dislike")).last.click()
    note = page.locator("#bc-feedback-note")
    expect(note).to_contain_text("câu trả lời chưa đúng")
    page.locator("#bc-feedback-comment textarea, #bc-feedback-comment input").first.fill("Cần cả tỷ lệ hộ nghèo")
    page.locator("#bc-feedback-send").click()
    expect(note).to_contain_text("Đã ghi góp ý")
    shot(page, "chat-feedback.png")
    new = entries(db)[before:]
    assert [e["rating"] for e in new] == ["down", "down"] and new[1]["comment"] == "Cần cả tỷ lệ hộ nghèo"
    assert new[0]["question"] == question and "17.497 hộ" in new[0]["answer"] and new[0]["citations"]
    out = tmp_path / "draft.jsonl"
    assert main(["feedback", "--export", str(out), "--db", str(db)]) == 0
    assert question in out.read_text(encoding="utf-8")


@pytest.mark.timeout(300)
def test_see_the_cited_pdf_page_highlighted(page):
    """«Xem trang» shows the cited page of a PDF as an image, the cited sentence highlighted; a scan too."""
    from playwright.sync_api import expect
    for question, source, how in [("Sản lượng quặng sắt khai thác ở Thái Nguyên tháng 5 là bao nhiêu?", PDF_SOURCE,
                                   "lớp văn bản"),
                                  ("Sản lượng chè búp tươi tháng 4 ở Hà Giang là bao nhiêu?", SCAN_SOURCE, "OCR")]:
        cards = ask(page, question)
        expect(cards.locator(".bc-file").first).to_have_text(source)
        page.locator("#bc-show-page").click()
        note = page.locator("#bc-page-note")
        expect(note).to_contain_text(f"Trang 1 của {source} — câu được trích tô vàng")
        expect(note).to_contain_text(how)
        image = page.locator("#bc-page img").first
        expect(image).to_be_visible()
        assert image.evaluate("img => img.naturalWidth") > 600
        image.scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        shot(page, f"chat-page-{source}.png", full_page=False)
