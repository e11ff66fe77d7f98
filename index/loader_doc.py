"""Load a Word 97-2003 (.doc) report by converting it to DOCX with LibreOffice, then the DOCX loader.

Why LibreOffice: the binary .doc format has no maintained pure-Python
reader that keeps footnotes and heading styles; LibreOffice's converter
keeps both, so the DOCX loader's rules (headings, tables, real footnotes,
legacy-font runs) apply unchanged.

The conversion runs headless, in a private temporary folder with its own
LibreOffice profile (two conversions at once do not fight over a profile
lock), under a time limit ($BAOCAO_SOFFICE_TIMEOUT seconds, default 120);
the whole process group is killed when the limit is hit.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from index.errors import LoaderError
from index.model import LoadedDocument

DEFAULT_TIMEOUT = 120
INSTALL_HINT = "apt-get install libreoffice-writer-nogui"


def soffice_path(configured: str | None = None) -> str | None:
    """The LibreOffice binary (the configured one, else soffice/libreoffice on PATH), or None."""
    if configured:
        return configured if shutil.which(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


# Import filters tried in turn for an OLE .doc: forcing them keeps LibreOffice from reading a
# corrupt file as plain text (its fallback), which would "succeed" with garbage.
WORD_FILTERS = ("MS Word 97", "MS Word 95", "MS WinWord 6.0")


def convert_with_soffice(path: Path, target: str, outdir: Path, timeout: float | None = None,
                         infilters: tuple[str | None, ...] = (None,), soffice: str | None = None) -> Path:
    """Convert `path` to `target` ("docx", "pdf", "doc") into `outdir`; return the new file.

    `infilters`: LibreOffice import filters to try in turn (None = let it guess).
    Raises LoaderError (Vietnamese first, English in parentheses) when
    LibreOffice is missing, fails or runs past the time limit.
    """
    name = Path(path).name
    exe = soffice_path(soffice)
    if exe is None:
        raise LoaderError(f"{name}: cần LibreOffice để chuyển đổi tệp, máy này chưa cài "
                          f"(LibreOffice 'soffice' not found; {INSTALL_HINT})")
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="soffice-", dir=outdir))
    try:
        src = work / ("input" + Path(path).suffix.lower())
        shutil.copyfile(path, src)                 # a plain name: soffice names its output after it
        profile = (work / "profile").as_uri()
        env = {**os.environ, "HOME": str(work)}      # nothing written to the user's home
        produced = work / "out" / f"input.{target}"
        deadline = time.monotonic() + timeout
        detail = ""
        for infilter in infilters:
            cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
                   "--nolockcheck", "--nodefault", "--nofirststartwizard"]
            cmd += [f"--infilter={infilter}"] if infilter else []
            cmd += ["--convert-to", target, "--outdir", str(work / "out"), str(src)]
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, env=env, start_new_session=True)
            try:
                out, _ = proc.communicate(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _kill_group(proc)
                raise LoaderError(f"{name}: LibreOffice chuyển đổi quá {timeout:g} giây, đã dừng "
                                  f"(LibreOffice conversion timed out after {timeout:g} s; "
                                  f"raise BAOCAO_SOFFICE_TIMEOUT)") from None
            if proc.returncode == 0 and produced.is_file() and produced.stat().st_size > 0:
                break
            lines = [ln for ln in (out or b"").decode("utf-8", "replace").splitlines() if "javaldx" not in ln]
            detail = (lines[-1].strip() if lines else "") or f"exit {proc.returncode}"
        else:
            raise LoaderError(f"{name}: LibreOffice không chuyển đổi được tệp (hỏng hoặc không phải tài liệu Word?) "
                              f"(LibreOffice could not convert the file: {detail[:200]})")
        final = outdir / (Path(path).stem + "." + target)
        shutil.move(str(produced), final)
        return final
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()


def load_doc(path: Path, source: str, timeout: float | None = None, soffice: str | None = None,
             **docx_options) -> LoadedDocument:
    """Read a .doc: LibreOffice -> DOCX in a temporary folder -> `load_docx` (fmt "doc")."""
    from index.loader_docx import load_docx

    path = Path(path)
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK"):                      # a DOCX saved under a .doc name
        doc = load_docx(path, source, **docx_options)
    elif head != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and not head.startswith(b"{\\rtf"):
        raise LoaderError(f"{path.name}: không phải tệp Word .doc (not a Word 97-2003 .doc file)")
    else:
        with tempfile.TemporaryDirectory(prefix="baocao-doc-") as tmp:
            filters = ("Rich Text Format",) if head.startswith(b"{\\rtf") else WORD_FILTERS
            docx = convert_with_soffice(path, "docx", Path(tmp), timeout, infilters=filters, soffice=soffice)
            doc = load_docx(docx, source, **docx_options)
    doc.fmt = "doc"
    return doc
