"""Turn pages of a text PDF into an image-only PDF that looks scanned (test fixture for OCR).

Why: the OCR path must be tested on a scan without committing binaries.
Each page is rasterised by poppler's pdftoppm, turned by a small angle,
sprinkled with dark and light specks (seeded, so deterministic), optionally
blurred and down-sampled (a bad scan), and saved by Pillow into a PDF with no
text layer.

CLI::

    python tools/make_scan.py IN.pdf OUT.pdf --first 2 --last 4 [--angle 0.8] [--noise 0.02] [--dpi 200]
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path


def make_scan(src: str | Path, dst: str | Path, first: int = 1, last: int | None = None, dpi: int = 200,
              angle: float = 0.8, noise: float = 0.02, blur: float = 0.0, seed: int = 7) -> Path:
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="scan-") as tmp:
        cmd = ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-f", str(first)]
        cmd += ["-l", str(last)] if last else []
        subprocess.run(cmd + [str(src), str(Path(tmp) / "p")], check=True, capture_output=True)
        images = []
        for k, png in enumerate(sorted(Path(tmp).glob("p-*.png"))):
            img = Image.open(png).convert("L")
            w, h = img.size
            px = img.load()
            for _ in range(int(noise * w * h / 40)):          # specks: dust (dark) and drop-outs (light)
                x, y = rng.randrange(w), rng.randrange(h)
                px[x, y] = 0 if rng.random() < 0.5 else 255
            img = img.rotate(angle * (1 if k % 2 == 0 else -1), resample=Image.BICUBIC, fillcolor=255)
            if blur:
                img = img.filter(ImageFilter.GaussianBlur(blur))
            images.append(img)
        dst = Path(dst)
        images[0].save(dst, save_all=True, append_images=images[1:], resolution=float(dpi))
    return dst


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Make an image-only 'scanned' PDF from a text PDF.")
    ap.add_argument("input", type=Path)
    ap.add_argument("output", type=Path)
    ap.add_argument("--first", type=int, default=1)
    ap.add_argument("--last", type=int)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--angle", type=float, default=0.8)
    ap.add_argument("--noise", type=float, default=0.02)
    ap.add_argument("--blur", type=float, default=0.0)
    args = ap.parse_args(argv)
    make_scan(args.input, args.output, args.first, args.last, args.dpi, args.angle, args.noise, args.blur)
    return 0


if __name__ == "__main__":
    sys.exit(main())
