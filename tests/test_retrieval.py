"""Hybrid retrieval: fusion, filters, period/province preference — on a real local store."""
import pytest

from qa.pipeline import Scope, ask, make_retriever
from qa.question import analyse
from qa.retriever import rrf
from qa.system import System

TEMPLATE = """Số: {num}/BC-UBND

{prov}, ngày 28 tháng {mm} năm {yyyy}

BÁO CÁO
Tình hình kinh tế - xã hội tháng {mm}, nhiệm vụ trọng tâm tháng {next} năm {yyyy}

I. TÌNH HÌNH KINH TẾ

1. Thương mại

Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng {mm} ước đạt {xnk} triệu USD, tăng {pct}% so với cùng kỳ.

2. Nông nghiệp

Tổng đàn trâu khoảng {trau} con, đàn bò {bo} con.

II. NHIỆM VỤ TRỌNG TÂM THÁNG {next} NĂM {yyyy}

1. Tăng cường kiểm soát dịch bệnh gia súc trong tháng {next}. Triển khai tiêm phòng đợt {dot}.
"""

REPORTS = {
    "caobang_2024-01.txt": dict(num=11, prov="Cao Bằng", mm="01", next="02", yyyy=2024, xnk="120", pct="12,5",
                                trau="50.100", bo="20.300", dot=1),
    "caobang_2024-02.txt": dict(num=31, prov="Cao Bằng", mm="02", next="03", yyyy=2024, xnk="135", pct="9,1",
                                trau="50.400", bo="20.100", dot=2),
    "hagiang_2024-01.txt": dict(num=12, prov="Hà Giang", mm="01", next="02", yyyy=2024, xnk="80", pct="3,2",
                                trau="90.700", bo="61.000", dot=3),
}


@pytest.fixture(scope="module")
def multi(tmp_path_factory):
    folder = tmp_path_factory.mktemp("multi-reports")
    for name, fields in REPORTS.items():
        (folder / name).write_text(TEMPLATE.format(**fields), encoding="utf-8")
    system = System(db=tmp_path_factory.mktemp("multi-db"))
    out = system.ingest([folder])
    assert not out["errors"]
    return system


def test_rrf_prefers_agreement():
    fused = rrf([["a", "b", "c"], ["b", "c", "a"]])
    assert max(fused, key=fused.get) == "b"
    assert rrf([["a"], []])["a"] == pytest.approx(1 / 61)


def test_question_analysis():
    info = analyse("Tổng kim ngạch của tỉnh Cao Bằng tháng 2/2024 là bao nhiêu?")
    assert info.provinces == ["Cao Bằng"] and info.months == [(2, 2024)] and info.wants_quantity
    assert analyse("tong dan trau tinh ha giang thang 1").provinces == ["Hà Giang"]
    assert analyse("Còn đàn bò thì sao?").is_followup


@pytest.mark.parametrize("question,source,figure", [
    ("Tổng kim ngạch xuất nhập khẩu của Cao Bằng tháng 2 năm 2024 là bao nhiêu?", "caobang_2024-02.txt", "135 triệu USD"),
    ("Tổng kim ngạch xuất nhập khẩu tỉnh Cao Bằng tháng 01/2024?", "caobang_2024-01.txt", "120 triệu USD"),
    ("Kim ngạch xuất nhập khẩu Hà Giang tháng 1 đạt bao nhiêu?", "hagiang_2024-01.txt", "80 triệu USD"),
    ("tong dan trau ha giang thang 1 bao nhieu con", "hagiang_2024-01.txt", "90.700 con"),
])
def test_named_province_and_period_pick_the_right_report(multi, question, source, figure):
    out = ask(multi, question)
    assert not out.abstained, out
    assert figure in out.text
    assert out.citations[0].source == source


def test_plan_month_finds_the_task_list(multi):
    docs = make_retriever(multi, k=3).invoke("Nhiệm vụ tháng 3 năm 2024 của Cao Bằng về dịch bệnh gia súc?")
    assert {d.metadata["source"] for d in docs} == {"caobang_2024-02.txt"}
    # each passage carries its report's plan year, which the answerer judges a task list's period by
    assert {d.metadata["plan_year"] for d in docs} == {2024}


def test_uncovered_province_or_month_abstains(multi):
    assert ask(multi, "Tổng kim ngạch xuất nhập khẩu của tỉnh Lạng Sơn tháng 1 năm 2024?").abstained
    assert ask(multi, "Tổng kim ngạch xuất nhập khẩu Cao Bằng tháng 7 năm 2024 là bao nhiêu?").abstained


def test_user_filters(multi):
    docs = make_retriever(multi, k=5, scope=Scope(sources=["hagiang_2024-01.txt"])).invoke("Tổng đàn trâu")
    assert docs and {d.metadata["source"] for d in docs} == {"hagiang_2024-01.txt"}
    docs = make_retriever(multi, k=5, scope=Scope(periods=["tháng 02/2024"])).invoke("Tổng đàn trâu")
    assert {d.metadata["source"] for d in docs} == {"caobang_2024-02.txt"}
    docs = make_retriever(multi, k=5, scope=Scope(provinces=["Hà Giang"])).invoke("đàn bò")
    assert {d.metadata["source"] for d in docs} == {"hagiang_2024-01.txt"}


def test_dense_and_lexical_each_contribute(multi):
    q = "tong dan trau ha giang"          # no accents: lexical folds, dense still embeds
    lex = make_retriever(multi, k=3, mode="lexical").invoke(q)
    dense = make_retriever(multi, k=3, mode="dense").invoke(q)
    hyb = make_retriever(multi, k=3).invoke(q)
    assert lex and dense and hyb
    assert hyb[0].metadata["source"] == "hagiang_2024-01.txt"
    assert hyb[0].metadata["lexical_score"] is not None and hyb[0].metadata["dense_score"] is not None


COMMUNE = """UBND HUYỆN MỎ CÀY NAM
ỦY BAN NHÂN DÂN XÃ AN THẠNH

Số: 287/BC-UBND

An Thạnh, ngày 10 tháng 12 năm 2024

BÁO CÁO
Tình hình kinh tế - xã hội năm 2024 và kế hoạch năm 2025

PHẦN I
KẾT QUẢ THỰC HIỆN NĂM 2024

KINH TẾ

Thu ngân sách trên địa bàn đạt 2.384 triệu đồng, bằng 119,2% dự toán. Tổng diện tích dừa 1.318,5 ha.

PHẦN II
{part_two}

Phấn đấu thu ngân sách trên địa bàn năm 2025 đạt 2.500 triệu đồng; trồng mới 15 ha dừa hữu cơ.

Nơi nhận:
- UBND huyện;
- Lưu: VT.
"""


@pytest.mark.parametrize("part_two", [
    "KẾ HOẠCH NĂM 2025",                   # a task heading under "PHẦN II"
    "MỘT SỐ CÔNG VIỆC NĂM 2025",           # not read as one: the report's passages stay in play
])
def test_a_plan_year_asked_is_answered_from_the_part_that_plans_it(tmp_path, part_two):
    (tmp_path / "xa_anthanh_2024.txt").write_text(COMMUNE.format(part_two=part_two), encoding="utf-8")
    system = System(db=tmp_path / "db")
    assert not system.ingest([tmp_path / "xa_anthanh_2024.txt"])["errors"]
    question = "Chỉ tiêu thu ngân sách năm 2025 của xã An Thạnh là bao nhiêu?"
    docs = make_retriever(system, k=3).invoke(question)
    assert docs and any("2.500 triệu đồng" in d.page_content for d in docs)
    out = ask(system, question)
    assert not out.abstained and "2.500 triệu đồng" in out.text


DISTRICT = """UBND THÀNH PHỐ HÀ NỘI
ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY

Số: 118/BC-UBND

Cầu Giấy, ngày 27 tháng 3 năm 2024

BÁO CÁO
Tình hình kinh tế - xã hội quý I, nhiệm vụ trọng tâm quý II năm 2024

KINH TẾ

Tổng thu ngân sách nhà nước trên địa bàn quý I ước đạt 3.846,2 tỷ đồng.

NHIỆM VỤ TRỌNG TÂM QUÝ II

Phấn đấu quý II thu ngân sách nhà nước ít nhất 3.100 tỷ đồng.
"""

PROVINCE = """UBND TỈNH QUẢNG TRỊ
CỤC THỐNG KÊ

BÁO CÁO
Tình hình kinh tế - xã hội quý II và 6 tháng đầu năm 2024

1. Tài chính

Thu ngân sách nhà nước trên địa bàn quý II ước đạt 1.102,5 tỷ đồng; 6 tháng đạt 2.087,4 tỷ đồng.
"""


def test_a_district_named_finds_its_own_report_first(tmp_path):
    """'quận Cầu Giấy … quý II': the district's own report (which plans quý II) before a province's report of
    quý II that never names the district."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "caugiay_q1-2024.txt").write_text(DISTRICT, encoding="utf-8")
    (reports / "ctk_quangtri_q2-2024.txt").write_text(PROVINCE, encoding="utf-8")
    system = System(db=tmp_path / "db")
    assert not system.ingest([reports])["errors"]
    docs = make_retriever(system, k=3).invoke("Quý II năm 2024, quận Cầu Giấy phấn đấu thu ngân sách bao nhiêu?")
    assert docs and docs[0].metadata["source"] == "caugiay_q1-2024.txt"
    # a question naming no district keeps the report of the period asked first
    docs = make_retriever(system, k=3).invoke("Thu ngân sách nhà nước quý II năm 2024 đạt bao nhiêu?")
    assert docs[0].metadata["source"] == "ctk_quangtri_q2-2024.txt"


def test_a_districts_figure_is_not_its_whole_provinces(tmp_path):
    """"toàn thành phố Hà Nội" asks the whole city: Cầu Giấy's own revenue is not it, though the district's
    report belongs to Hà Nội; the district asked by name is answered."""
    (tmp_path / "caugiay_q1-2024.txt").write_text(DISTRICT, encoding="utf-8")
    system = System(db=tmp_path / "db")
    assert not system.ingest([tmp_path / "caugiay_q1-2024.txt"])["errors"]
    docs = make_retriever(system, k=3).invoke("Thu ngân sách quý I năm 2024 toàn thành phố Hà Nội đạt bao nhiêu?")
    assert docs and docs[0].metadata["level"] == "huyen"
    out = ask(system, "Thu ngân sách quý I năm 2024 toàn thành phố Hà Nội đạt bao nhiêu?")
    assert out.abstained and out.reason in ("unmet_province", "weak_evidence")
    out = ask(system, "Thu ngân sách quý I năm 2024 của quận Cầu Giấy đạt bao nhiêu?")
    assert not out.abstained and "3.846,2" in out.text
