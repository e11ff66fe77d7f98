"""Portal web pages (.html/.htm): the article's text only, headings and tables kept, footnotes resolved.

The page is hand-made in the shape of a provincial portal: top bar, logo header, menu, breadcrumb,
sidebar of other news, share bar, related news, footer, scripts and a hidden cookie banner around
an article holding part II of the sample report (sections 1.1-1.2, footnotes ¹-³, the export table).
"""
from __future__ import annotations

import html
import re

import pytest

import render_report
from index.loaders import load_file
from index.model import HEADING, PARA, TABLE_ROW
from index.structure import parse_report
from sample_facts import FOOTNOTE_SECTION

JUNK = ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Đường dây nóng", "CỔNG THÔNG TIN", "Tin mới nhất",
        "Hội nghị tổng kết", "Thăm dò ý kiến", "Chia sẻ", "In bài", "Tin liên quan", "Báo cáo tháng 12",
        "Bản quyền", "Hoàng Văn Thụ", "cookie", "ga(", "var menu", ".x{"]


def _inline(text: str) -> str:
    """Item text to HTML: [^N] markers -> <sup>N</sup>, *italics* -> <em>."""
    out = html.escape(text)
    out = re.sub(r"\[\^(\d+)\]", r"<sup>\1</sup>", out)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", out)


def portal_page(sample_text: str) -> str:
    parsed = render_report.parse_report(sample_text, table=True)
    items = parsed.items
    start = next(i for i, it in enumerate(items) if it.text.startswith("II."))
    end = next(i for i, it in enumerate(items) if it.text.startswith("1.3."))
    body, cited = [], []
    for it in items[start:end]:
        if it.kind == "heading":
            tag = {1: "h2", 2: "h3", 3: "h4"}[it.level]
            body.append(f"<{tag}>{_inline(it.text)}</{tag}>")
        elif it.kind == "table":
            rows = [("th" if r == 0 else "td", row) for r, row in enumerate(it.rows)]
            body.append('<table class="table table-bordered"><tbody>' + "".join(
                "<tr>" + "".join(f"<{t}><p>{html.escape(c)}</p></{t}>" for c in row) + "</tr>" for t, row in rows)
                + "</tbody></table>")
        else:
            body.append(f'<p style="text-align:justify">{_inline(it.text)}</p>')
        cited += re.findall(r"\[\^(\d+)\]", it.text)
    notes = "".join(f"<p><sup>{n}</sup> {html.escape(parsed.footnote_text(n))}</p>" for n in cited)
    sidebar = "".join(f"<li><a href='/tin/{k}'>{t}</a></li>" for k, t in enumerate(
        ["Hội nghị tổng kết công tác năm 2022 của UBND tỉnh", "Lễ hội Hoa Đào Xứ Lạng khai mạc",
         "Tăng cường phòng chống cháy rừng mùa khô"]))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>UBND tỉnh Lạng Sơn</title>
<style>.x{{color:red}}</style><script>var menu = "Trang chủ";</script></head>
<body>
<div class="header-top"><a href="/">Cổng thông tin điện tử tỉnh Lạng Sơn</a>
  <span class="hotline">Đường dây nóng: 0205.3812.345</span></div>
<header><img src="logo.png" alt="logo"><h1 class="site-name">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH LẠNG SƠN</h1></header>
<nav id="main-menu"><ul><li><a href="/">Trang chủ</a></li><li><a href="/gt">Giới thiệu</a></li>
  <li><a href="/tt">Tin tức - Sự kiện</a></li><li><a href="/vb">Văn bản chỉ đạo điều hành</a></li></ul></nav>
<div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/bc">Báo cáo</a></div>
<div class="container">
  <div class="col-md-3" id="sidebar"><h3>Tin mới nhất</h3><ul>{sidebar}</ul>
    <div class="widget">Thăm dò ý kiến: Bạn đánh giá thế nào về cổng thông tin?</div></div>
  <div class="col-md-9"><div class="news-detail">
    <h1 class="title">Báo cáo tình hình kinh tế - xã hội tháng 01, nhiệm vụ trọng tâm tháng 02 năm 2023</h1>
    <div class="share-bar"><a href="#">Chia sẻ Facebook</a> <a href="#">In bài</a></div>
    <div class="content">
      <p><strong>UBND TỈNH LẠNG SƠN</strong><br>Lạng Sơn, ngày 30 tháng 01 năm 2023</p>
      {''.join(body)}
      <hr>
      {notes}
    </div>
    <div class="tin-lien-quan"><h3>Tin liên quan</h3><ul><li><a href="/bc12">Báo cáo tháng 12 năm 2022</a></li></ul></div>
  </div></div>
</div>
<footer><p>Bản quyền thuộc UBND tỉnh Lạng Sơn. Địa chỉ: Số 2 Hoàng Văn Thụ, TP Lạng Sơn</p></footer>
<script>ga('send', 'pageview');</script>
<div id="cookie-notice" style="display: none">Trang web sử dụng cookie</div>
</body></html>
"""


@pytest.fixture(scope="module")
def page(sample_text, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "langson-bao-cao.html"
    path.write_text(portal_page(sample_text), encoding="utf-8")
    return path


def test_only_the_article_is_read(page):
    doc = load_file(page)
    assert doc.fmt == "html" and doc.has_pages is False
    text = "\n".join(b.text for b in doc.blocks)
    for junk in JUNK:
        assert junk not in text, junk
    assert doc.blocks[0].text.startswith("Báo cáo tình hình kinh tế - xã hội tháng 01")
    assert "95.294 lượt con" in text and "tăng 108,3% so với cùng kỳ" in text


def test_headings_paragraph_breaks_and_tables(page):
    doc = load_file(page)
    heads = [(b.level, b.text) for b in doc.blocks if b.kind == HEADING]
    assert heads[:2] == [(1, "II. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 01 NĂM 2023"), (2, "1. Lĩnh vực phát triển kinh tế")]
    assert [t for _, t in heads][2:] == ["1.1. Sản xuất nông, lâm nghiệp và xây dựng nông thôn mới",
                                         "1.2. Phát triển kinh tế cửa khẩu"]
    rows = [b.text for b in doc.blocks if b.kind == TABLE_ROW]
    assert rows == [" | ".join(r) for r in render_report.EXPORT_TABLE]
    paras = [b.text for b in doc.blocks if b.kind == PARA]
    assert "UBND TỈNH LẠNG SƠN\nLạng Sơn, ngày 30 tháng 01 năm 2023" in paras          # <br> kept
    assert any(p.endswith("3.666 ha¹; các đối tượng dịch hại có sự biến động nhẹ về mật độ, tỷ lệ và diện "
                          "tích gây hại so với cùng kỳ năm trước, tuy nhiên không phát sinh thành dịch, không "
                          "ảnh hưởng lớn đến sinh trưởng và phát triển của cây trồng. Đàn gia súc, gia cầm cơ "
                          "bản phát triển ổn định²; trong tháng thực hiện tiêm phòng được 95.294 lượt con."[-60:])
               or "95.294 lượt con" in p for p in paras)


def test_footnotes_land_in_their_sections(page, sample_text):
    report = parse_report(load_file(page))
    assert sorted(report.footnotes) == ["1", "2", "3"]
    assert report.footnotes["1"].text.startswith("Trong đó: 2.128 ha rau")
    for para in report.paragraphs:
        for fid in para.footnote_ids:
            assert para.section_path[-1] == FOOTNOTE_SECTION[fid], fid
    cited = sorted(f for p in report.paragraphs for f in p.footnote_ids)
    assert cited == ["1", "2", "3"]
    assert not any("Trong đó: 2.128 ha rau" in p.text for p in report.paragraphs)


def test_declared_charset_and_htm_extension(tmp_path):
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1258'></head>"
            "<body><div id='menu'><a href='/'>Trang chủ</a></div><div class='noidung'>"
            "<h2>I. KẾT QUẢ</h2><p>Thu ngân sách đạt 10 tỷ đồng, tăng 5% so với cùng kỳ năm trước.</p>"
            "</div></body></html>")
    import legacy_encode
    path = tmp_path / "trang.htm"
    path.write_bytes(legacy_encode.encode_cp1258(page))
    doc = load_file(path)
    texts = [b.text for b in doc.blocks]
    assert texts == ["I. KẾT QUẢ", "Thu ngân sách đạt 10 tỷ đồng, tăng 5% so với cùng kỳ năm trước."]


def test_word_html_footnote_anchors(tmp_path):
    """Word's "Save as web page": references are "[1]" anchors in MsoFootnoteReference spans."""
    page = ("<html><body><div class=WordSection1><p class=MsoNormal>Tổng diện tích gieo trồng đạt 3.666 ha"
            "<a href='#_ftn1' name='_ftnref1'><span class=MsoFootnoteReference>[1]</span></a>; đàn gia súc phát "
            "triển ổn định.</p></div><div><hr><div id=ftn1><p class=MsoFootnoteText><a href='#_ftnref1' "
            "name='_ftn1'><span class=MsoFootnoteReference>[1]</span></a> Trong đó: 2.128 ha rau.</p></div></div>"
            "</body></html>")
    path = tmp_path / "word.html"
    path.write_text(page, encoding="utf-8")
    report = parse_report(load_file(path))
    assert report.footnotes["1"].text == "Trong đó: 2.128 ha rau."
    body = [p for p in report.paragraphs if "3.666 ha" in p.text]
    assert body and body[0].footnote_ids == ["1"] and "¹" not in body[0].text
