"""User-facing errors: the CLI prints them and exits 1."""


class BaocaoError(Exception):
    """An error caused by the user's input or setup, with a clear message."""


class LoaderError(BaocaoError):
    """A file could not be read as a report (empty, corrupt, unsupported, needs OCR...)."""


class EmbedderMismatch(BaocaoError):
    """The store was built with another embedder than the one asked for."""


def too_many_chars(name: str, limit: int) -> LoaderError:
    """The error a loader raises as soon as the text it extracts passes `limit` characters."""
    return LoaderError(f"{name}: văn bản trích ra vượt quá {limit:,} ký tự, đã dừng đọc "
                       f"(extracted text exceeds {limit:,} characters; raise BAOCAO_MAX_CHARS)")
