"""`baocao check`: does the lexical index agree with Chroma, and Chroma with its registry?

After a crash (SIGKILL mid-ingest) Chroma may hold chunks no registry record
vouches for (orphans), a registry record may name chunks that never landed,
and the on-disk BM25 cache may lag.  `--repair` deletes orphans, drops
incomplete documents (they need re-ingesting: we say which), and re-derives
the lexical index from Chroma.
"""
from __future__ import annotations

from index.store import is_committed


def _all_chunk_meta(store, page: int = 5000) -> list[tuple[str, str, str]]:
    out = []
    offset = 0
    while True:
        got = store._read(lambda offset=offset: store.chunks.get(include=["metadatas"], limit=page, offset=offset))
        ids = got["ids"]
        for cid, md in zip(ids, got["metadatas"]):
            md = md or {}
            out.append((cid, md.get("source", ""), md.get("doc_sha", "")))
        if len(ids) < page:
            return out
        offset += page


def check(system, repair: bool = False) -> dict:
    store, lexical = system.store, system.lexical
    registry = store.documents()
    chunks = _all_chunk_meta(store)
    orphans = [cid for cid, src, sha in chunks if not is_committed({"source": src, "doc_sha": sha}, registry)]
    live: dict[str, int] = {}
    for cid, src, sha in chunks:
        if src in registry and registry[src].sha256 == sha:
            live[src] = live.get(src, 0) + 1
    incomplete = sorted(s for s, rec in registry.items() if live.get(s, 0) != rec.chunks)
    lex_state = lexical.state()
    lexical_mismatch = sorted(
        {s for s in lex_state if s not in registry or lex_state[s] != (registry[s].sha256, live.get(s, 0))}
        | {s for s in registry if s not in lex_state})
    messages = []
    if orphans:
        messages.append(f"{len(orphans)} đoạn mồ côi trong Chroma (orphan chunks, no committed document)")
    for s in incomplete:
        messages.append(f"{s}: thiếu đoạn so với sổ đăng ký ({live.get(s, 0)}/{registry[s].chunks}) (incomplete)")
    if lexical_mismatch:
        messages.append(f"chỉ mục từ vựng lệch với Chroma ở {len(lexical_mismatch)} báo cáo: "
                        + ", ".join(lexical_mismatch[:10]))
    ok = not (orphans or incomplete or lexical_mismatch)
    repaired = False
    if repair and not ok:
        store.delete_chunks(orphans)
        for s in incomplete:
            store.drop_document(s)
            store.delete_stale_chunks(s, keep_sha=None)
            messages.append(f"{s}: đã gỡ, cần nạp lại (removed; ingest it again)")
        for s in lexical_mismatch:
            lexical.remove_document(s)
        lexical.sync(store)
        lexical.save()          # removals above are not saved by sync() when it finds nothing to do
        repaired = True
        messages.append("đã sửa (repaired)")
    if ok:
        messages.append(f"khớp: {len(registry)} báo cáo, {sum(live.values())} đoạn (consistent)")
    return {"ok": ok, "documents": len(registry), "chunks": sum(live.values()), "orphans": len(orphans),
            "incomplete": incomplete, "lexical_mismatch": lexical_mismatch, "repaired": repaired,
            "messages": messages}
