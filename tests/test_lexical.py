"""The BM25 index: compact in memory (it is held per process, for every report), same after a reload."""
import tracemalloc

from index.lexical import LexicalIndex, chunk_terms
from index.vntext import query_terms

QUESTIONS = ["Tổng kim ngạch xuất nhập khẩu tháng 1 là bao nhiêu?", "dan bo co bao nhieu con",
             "số hộ nghèo năm 2022", "UBND tỉnh chỉ đạo gì về chuyển đổi số?"]


def _sample_chunks(sample_system):
    by_source = {}
    for c in sample_system.chunks():
        by_source.setdefault(c["source"], []).append((c["chunk_id"], c["text"]))
    return by_source


def test_term_counts_take_little_memory(sample_system):
    chunks = _sample_chunks(sample_system)
    tracemalloc.start()
    idx = LexicalIndex(None)
    for source, rows in chunks.items():
        for copy in range(20):                    # 20 reports' worth, as several documents
            idx.add_document(f"{copy}-{source}", "sha", rows)
    used, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    entries = 20 * sum(len(set(chunk_terms(text))) for rows in chunks.values() for _, text in rows)
    # a dict per chunk cost ~91 bytes per (chunk, term) entry here; arrays cost 8, plus each vocabulary
    assert used / entries < 40, f"{used / entries:.0f} bytes per term entry"


def test_reloaded_cache_searches_the_same_and_shares_term_strings(sample_system, tmp_path):
    chunks = _sample_chunks(sample_system)
    idx = LexicalIndex(tmp_path)
    for source, rows in chunks.items():
        idx.add_document(source, "sha", rows)
        idx.add_document("copy-" + source, "sha", rows)
    idx.save()
    again = LexicalIndex(tmp_path)
    assert again.state() == idx.state()
    for q in QUESTIONS:
        assert again.search(query_terms(q), 10) == idx.search(query_terms(q), 10)
        assert again.search(query_terms(q), 10)
    a, b = (again.docs[s] for s in sorted(again.docs)[:2])
    shared = set(a.terms) & set(b.terms)
    term = next(iter(shared))
    assert a.terms[a.terms.index(term)] is b.terms[b.terms.index(term)], "one string object per term"


def test_chunk_terms_are_the_text_terms_then_the_abbreviation_alternates(sample_system):
    """One tokenising pass feeds both parts; the terms are those of the two separate passes."""
    from index.abbreviations import alternate_terms
    from index.vntext import folded_tokens, lexical_terms
    texts = [text for rows in _sample_chunks(sample_system).values() for _, text in rows]
    texts.append("UBND tỉnh giao Sở GD&ĐT cấp CCCD; Uỷ ban nhân dân huyện")
    for text in texts:
        assert chunk_terms(text) == lexical_terms(text) + alternate_terms(folded_tokens(text))
    assert "f:ubnd" in chunk_terms("Uỷ ban nhân dân tỉnh")


def test_a_chunks_length_counts_its_own_terms_not_the_tables_alternates():
    """BM25 normalises by the text's length: a chunk written with abbreviations or bridged words is as
    long as its words, so a new table entry cannot move other questions' ranks through the average
    length (it did: one vocabulary entry flipped a rank-5 passage of the multi set)."""
    from index.lexical import _DocTerms
    from index.vntext import lexical_terms
    texts = ["UBND tỉnh giao Sở GD&ĐT cấp CCCD cho 500 người", "Trong tháng không có số liệu mới"]
    doc = _DocTerms.from_chunks("sha", [(f"c{i}", t) for i, t in enumerate(texts)])
    assert len(chunk_terms(texts[0])) > len(lexical_terms(texts[0]))      # the table adds alternates …
    assert list(doc.lengths) == [len(lexical_terms(t)) for t in texts]      # … which the length leaves out
    back = _DocTerms.from_blob("sha", doc.to_blob())
    assert list(back.lengths) == list(doc.lengths)
