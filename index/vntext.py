"""Vietnamese text normalisation and tokens for lexical search.

Why by hand: no maintained library covers what reports need together —
NFC, one tone-placement convention ("hòa/thủy/hóa" and "hoà/thuỷ/hoá" are one word),
and a diacritics-free fold so a question typed without accents still matches.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE_RE = re.compile(r"\s+")

# Tone marks as combining characters (NFD).
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def collapse_ws(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def match_form(text: str) -> str:
    """The matching form of docs/reference.md (evaluation): NFC, lower case, runs of white space collapsed."""
    return collapse_ws(nfc(text).lower())


@lru_cache(maxsize=1 << 16)       # a pure function of a syllable; Vietnamese has ~7k of them
def _retone_syllable(syl: str) -> str:
    """Put the tone mark of an open oa/oe/uy syllable on its second vowel.

    The two conventions in use disagree only there: "hòa/thủy/hóa" (mark on the
    first vowel) versus "hoà/thuỷ/hoá" (mark on the second).  We pick the second
    as the one canonical form; closed syllables ("hoàng", "thuyết") agree already.
    """
    d = unicodedata.normalize("NFD", syl)
    tone = next((c for c in d if c in _TONES), None)
    if tone is None:
        return syl
    base = d.replace(tone, "")
    base_nfc = unicodedata.normalize("NFC", base)
    low = base_nfc.lower()
    # find the vowel cluster
    m = re.search(r"[aăâeêioôơuưy]+", low)
    if not m:
        return syl
    cluster = low[m.start():m.end()]
    # "qu" and "gi": the u / i belong to the consonant
    start = m.start()
    if start > 0 and low[start - 1] == "q" and cluster.startswith("u"):
        start += 1
        cluster = cluster[1:]
    if start > 0 and low[start - 1] == "g" and cluster.startswith("i") and len(cluster) > 1:
        start += 1
        cluster = cluster[1:]
    if cluster not in ("oa", "oe", "uy") or m.end() != len(low.rstrip()) and low[m.end():] not in ("",):
        # only open syllables ("hoà", "thuỷ") differ; closed ones ("hoàng", "thuyết") agree
        return syl
    pos = start + 1  # the second vowel carries the tone in the new style
    chars = list(base_nfc)
    chars[pos] = unicodedata.normalize("NFC", chars[pos] + tone)
    return "".join(chars)


_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def normalize_tones(text: str) -> str:
    """NFC text with every open oa/oe/uy syllable in one tone placement (hòa -> hoà)."""
    text = nfc(text)
    return _WORD_RE.sub(lambda m: _retone_syllable(m.group(0)), text)


def strip_diacritics(text: str) -> str:
    """Fold to ASCII-like letters: "Lạng Sơn" -> "Lang Son", "đ" -> "d"."""
    d = unicodedata.normalize("NFD", text)
    d = "".join(c for c in d if unicodedata.category(c) != "Mn")
    return d.replace("đ", "d").replace("Đ", "D")


@lru_cache(maxsize=1 << 16)
def fold_token(token: str) -> str:
    """`strip_diacritics` of one token, cached: indexing folds millions of tokens drawn from a few thousand."""
    return strip_diacritics(token)


def has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != nfc(text)


_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# tokens: words, and numbers written the Vietnamese way (1.226,1 / 108,3 / 79/QĐ-UBND parts)
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)


_DROP_SUPERSCRIPTS = {ord(c): None for c in _SUPERSCRIPTS}


def canonical(text: str) -> str:
    """NFC, one tone placement, lower case, superscript markers removed."""
    return normalize_tones(text).lower().translate(_DROP_SUPERSCRIPTS)


def _number_token(tok: str) -> str:
    """"01" and "1" are one token: reports zero-pad months and counts, people don't."""
    if tok.isdigit() and len(tok) > 1:
        return tok.lstrip("0") or "0"
    return tok


def word_tokens(text: str) -> list[str]:
    """Canonical syllables and numbers, in order."""
    return [_number_token(t) for t in _TOKEN_RE.findall(canonical(text))]


def capitalised(text: str) -> list[bool]:
    """For each token of `word_tokens(text)`: written with a capital letter (a name: "Krông Pắc")."""
    return [t[:1].isupper() for t in _TOKEN_RE.findall(normalize_tones(text).translate(_DROP_SUPERSCRIPTS))]


def folded_tokens(text: str) -> list[str]:
    """Diacritics-free syllables and numbers, in order."""
    return [fold_token(t) for t in word_tokens(text)]


def lexical_terms(text: str) -> list[str]:
    """Terms indexed for BM25.

    Two fields in one bag: accented syllables (exact Vietnamese, prefixed "a:")
    and folded syllables + folded syllable bigrams (prefixed "f:"/"b:"), so an
    accented question gets an exact-form bonus and an unaccented one still matches.
    Vietnamese words are mostly two syllables ("xuất khẩu"), so bigrams carry
    much of the meaning ("xuat khau" vs "nhap khau").
    """
    words = word_tokens(text)
    return terms_of_words(words, [fold_token(w) for w in words])


def terms_of_words(words: list[str], folded: list[str]) -> list[str]:
    """`lexical_terms` from tokens already split (and folded), for callers that need the tokens too."""
    return ["a:" + w for w in words] + folded_terms(folded)


def folded_terms(folded: list[str]) -> list[str]:
    """The folded field: syllables ("f:") and the bigrams of consecutive ones ("b:")."""
    return ["f:" + f for f in folded] + ["b:" + a + "_" + b for a, b in zip(folded, folded[1:])]


def question_keys(text: str) -> tuple[list[str], list[str]]:
    """(syllable keys, bigram keys) of a question, accent-aware per syllable.

    A syllable typed with diacritics is matched as written ("a:dê" never meets "đề"); one typed
    without them falls back to the fold ("f:de" meets both); bigrams are folded ("b:dan_de").
    """
    words = word_tokens(text)
    folded = [fold_token(w) for w in words]
    keys = ["a:" + w if f != w else "f:" + f for w, f in zip(words, folded)]
    return keys, ["b:" + a + "_" + b for a, b in zip(folded, folded[1:])]


def query_terms(text: str) -> list[str]:
    """BM25 terms of a query (`question_keys`, syllables then bigrams)."""
    keys, bigrams = question_keys(text)
    return keys + bigrams


_ABBREV = ("TP", "Tp", "TS", "ThS", "PGS", "GS", "BS", "Q", "KT", "TM", "TL", "St", "Th", "Ths", "ĐT", "P")
_SENT_END = re.compile(r"(?<=[.!?…])[\"”'’)]*\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])")


def split_sentences(text: str) -> list[str]:
    """Split Vietnamese prose into sentences.

    Splits after . ! ? … followed by space and an upper-case letter or digit;
    keeps "TP. Lạng Sơn", decimals (1.226,1) and "HK.Km" whole.  ";" is not a
    sentence end: report sentences chain clauses with it.
    """
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(text):
        head = text[start:m.start()]
        last_word = re.search(r"(\w+)[.]$", head)
        if last_word and last_word.group(1) in _ABBREV:
            continue
        piece = text[start:m.start()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out
