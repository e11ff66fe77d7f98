"""CLI commands beyond ingest/chunks/remove: ask, eval, serve, check, bench."""
from __future__ import annotations

import json

from index.errors import BaocaoError


def _llm(args):
    spec = getattr(args, "llm", None)
    import os
    spec = (spec or os.environ.get("BAOCAO_LLM") or "none").strip()
    if spec in ("", "none"):
        return None
    from .llm import make_chat_model
    return make_chat_model(spec)


def cmd_ask(args, make_system) -> int:
    from .answer import ask, public_result
    system = make_system(args)
    if not system.store.documents():
        raise BaocaoError("Chưa nạp báo cáo nào: chạy 'baocao ingest TỆP...' trước (no reports ingested)")
    out = ask(system, args.question, k=args.k, sources=args.source, llm=_llm(args))
    if args.json:
        print(json.dumps(public_result(out), ensure_ascii=False))
        return 0
    print(out["answer"])
    if out["citations"]:
        print("\nNguồn:")
        for c in out["citations"]:
            page = f", trang {c['page']}" if c.get("page") else ""
            print(f"  [{c['id']}] {c['source']} — {' > '.join(c['section_path']) or 'phần đầu văn bản'}{page}")
    return 0


def cmd_eval(args, make_system) -> int:
    from .evaluation import run_eval_cli
    return run_eval_cli(args, make_system, _llm(args))


def cmd_serve(args, make_system) -> int:
    import app
    system = make_system(args)
    app.serve(system, host=args.host, port=args.port, k=args.k, llm_spec=getattr(args, "llm", None))
    return 0


def cmd_check(args, make_system) -> int:
    from .consistency import check
    system = make_system(args)
    report = check(system, repair=args.repair)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        for line in report["messages"]:
            print(line)
    return 0 if report["ok"] or report["repaired"] else 1


def cmd_bench(args, make_system) -> int:
    from .bench import run_small
    out = run_small(args)
    print(json.dumps(out, ensure_ascii=False))
    return 0
