"""The checker checked: scoring one question, aggregating, the gate's floors, its record and its baselines,
and broken answerers that the gate must catch."""
from __future__ import annotations

import json
from pathlib import Path

import pytest


from qa.evaluation import (aggregate, check_baselines, check_gate, check_regression, evaluate_system,
                           load_questions, score_one)
from qa.results import ABSTAIN_MESSAGE, Answer, Citation

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = "Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01 ước đạt 250 triệu USD"
Q = {"id": "q1", "question": "Kim ngạch tháng 1?", "answers": ["250 triệu USD"], "evidence": [EVIDENCE],
     "answerable": True, "tags": ["body"]}
U = {"id": "u1", "question": "Đàn dê?", "answers": [], "evidence": [], "answerable": False, "tags": ["nearmiss"]}


def cite(text: str) -> Citation:
    return Citation(1, "c1", "a.txt", ["I."], None, text, 0.5)


def answered(text: str, cited: str) -> Answer:
    return Answer(text, False, "extractive", [cite(cited)])


ABSTAINED = Answer(ABSTAIN_MESSAGE, True, "extractive")


def test_right_answer_from_the_right_passage():
    row = score_one(Q, ["x", "Mục 1\n" + EVIDENCE.upper() + " ..."], answered("Đạt 250  triệu USD [1]", EVIDENCE), 5)
    assert row["hit"] and row["rr"] == 0.5             # evidence in the 2nd chunk; case and spaces normalised
    assert row["correct"] and row["cited_ok"] and row["grounded"]


def test_right_figure_from_the_wrong_passage_is_not_grounded():
    row = score_one(Q, [EVIDENCE], answered("250 triệu USD [1]", "Xuất khẩu đạt 250 triệu USD năm trước"), 5)
    assert row["correct"] and not row["cited_ok"] and not row["grounded"]


def test_retrieval_beyond_k_is_a_miss_and_abstention_is_not_an_answer():
    row = score_one(Q, ["a", "b", EVIDENCE], ABSTAINED, 2)
    assert not row["hit"] and row["rr"] == 0.0 and not row["correct"] and "cited_ok" not in row


def test_unanswerable_is_right_only_when_abstained():
    assert score_one(U, [], ABSTAINED, 5)["correct"]
    assert not score_one(U, [], answered("Đàn dê 5 con [1]", "x"), 5)["correct"]


def test_aggregate_counts_each_metric_over_its_own_questions():
    rows = [score_one(Q, [EVIDENCE], answered("250 triệu USD", EVIDENCE), 5),     # right, grounded
            score_one(Q, [EVIDENCE], answered("260 triệu USD", EVIDENCE), 5),     # wrong figure
            score_one(Q, [], ABSTAINED, 5),                                       # false abstention
            score_one(U, [], ABSTAINED, 5),                                       # right abstention
            score_one(U, [], answered("5 con", "x"), 5)]                          # answered the unanswerable
    m = aggregate(rows, 5)
    assert m["n"] == 5 and m["n_answerable"] == 3 and m["n_unanswerable"] == 2 and m["n_answered"] == 2
    assert m["recall_at_k"] == round(2 / 3, 4) and m["mrr"] == round(2 / 3, 4)
    assert m["answer_accuracy"] == 0.4 and m["grounded_answer_accuracy"] == 0.4
    assert m["citation_accuracy"] == 1.0 and m["abstention_accuracy"] == 0.5
    assert m["false_abstention_rate"] == round(1 / 3, 4)


def test_check_gate_floors_and_ceilings():
    result = {"answer_accuracy": 0.9, "false_abstention_rate": 0.05, "recall_at_k": None}
    assert check_gate(result, {"min": {"answer_accuracy": 0.9}, "max": {"false_abstention_rate": 0.05}}) == []
    failed = check_gate(result, {"min": {"answer_accuracy": 0.91, "recall_at_k": 0.5},
                                 "max": {"false_abstention_rate": 0.04}})
    assert len(failed) == 3


def test_check_regression_allows_two_questions_and_no_more():
    record = {"answer_accuracy": 0.95, "false_abstention_rate": 0.02, "n": 100, "n_answerable": 80}
    ok = {"answer_accuracy": 0.93, "false_abstention_rate": 0.045, "n": 100, "n_answerable": 80}
    assert check_regression(ok, record) == []            # 2/100 and 2/80: exactly two questions
    bad = {"answer_accuracy": 0.928, "false_abstention_rate": 0.05, "n": 100, "n_answerable": 80}   # 2.2 questions
    failed = check_regression(bad, record)
    assert len(failed) == 2 and failed[0].startswith("answer_accuracy")
    assert check_regression({"answer_accuracy": 0.99, "n": 100}, record) == []   # better is fine


def test_check_baselines_names_each_loss_beyond_one_question():
    result = {"answer_accuracy": 0.8, "citation_accuracy": 0.9, "abstention_accuracy": 0.95,
              "n": 100, "n_answered": 80, "n_unanswerable": 20,
              "baselines": {"textbook": {"answer_accuracy": 0.7, "citation_accuracy": 0.9,
                                         "abstention_accuracy": 1.0, "n": 100, "n_answered": 80,
                                         "n_unanswerable": 20},
                            "hybrid": {"answer_accuracy": 0.85, "citation_accuracy": 0.95,
                                       "abstention_accuracy": 0.5, "n": 100, "n_answered": 80,
                                       "n_unanswerable": 20}}}
    # abstention 0.95 vs 1.0 is one question of 20: within the slack; the others are real losses
    assert check_baselines(result) == ["answer_accuracy vs hybrid: system 0.8 < baseline 0.85",
                                       "citation_accuracy vs hybrid: system 0.9 < baseline 0.95"]
    assert check_baselines(result, slack_questions=0)[0] == "abstention_accuracy vs textbook: system 0.95 < baseline 1.0"


def test_every_gated_set_loads_and_is_split():
    from eval.gate import SETS
    for _name, qfile, _store, _folded in SETS:
        questions = load_questions(ROOT / "eval" / qfile)
        splits = {t for q in questions for t in q["tags"] if t.startswith("split:")}
        assert splits == {"split:dev", "split:test"}, qfile
        assert all(sum(t.startswith("split:") for t in q["tags"]) == 1 for q in questions), qfile


# ---------------------------------------------------------------- broken answerers fail the gate

def _first_sentence(question, docs, idf, carried=None, threshold=None, similarity=None):
    if not docs:
        return ABSTAINED
    text = docs[0].metadata.get("body", docs[0].page_content).split(". ")[0]
    return Answer(f"“{text}” [1]", False, "extractive", [Citation.from_document(1, docs[0])])


def _never_abstain(question, docs, idf, carried=None, threshold=None, similarity=None):
    from qa.extractive import extractive_answer
    real = extractive_answer(question, docs, idf, carried, threshold=-1.0, similarity=similarity)  # no threshold
    if real.abstained and docs:
        return _first_sentence(question, docs, idf)
    return real


def _always_abstain(question, docs, idf, carried=None, threshold=None, similarity=None):
    return ABSTAINED


@pytest.mark.parametrize("broken", [_first_sentence, _never_abstain, _always_abstain])
def test_a_broken_answerer_fails_the_gate(sample_system, monkeypatch, broken):
    import qa.pipeline
    from eval.gate import compact, judge
    questions = load_questions(ROOT / "eval" / "dev.jsonl")
    monkeypatch.setattr(qa.pipeline, "extractive_answer", broken)
    result = compact(evaluate_system(sample_system, questions))
    thresholds = json.loads((ROOT / "eval" / "thresholds.json").read_text(encoding="utf-8"))
    record = json.loads((ROOT / "eval" / "scoreboard.json").read_text(encoding="utf-8"))
    baselines = record["baselines"]["dev"]
    failed, _gaps = judge({"dev": {"system": result, "baselines": baselines}}, thresholds, record)
    assert failed, f"{broken.__name__} passed the gate: {result}"


def test_the_real_answerer_passes_the_same_check(sample_system):
    from eval.gate import compact, judge
    questions = load_questions(ROOT / "eval" / "dev.jsonl")
    result = compact(evaluate_system(sample_system, questions))
    thresholds = json.loads((ROOT / "eval" / "thresholds.json").read_text(encoding="utf-8"))
    record = json.loads((ROOT / "eval" / "scoreboard.json").read_text(encoding="utf-8"))
    failed, _gaps = judge({"dev": {"system": result, "baselines": record["baselines"]["dev"]}}, thresholds,
                          {**record, "sets": {"dev": record["sets"]["dev"]}})
    assert failed == []
