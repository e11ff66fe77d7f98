"""Vietnamese normalisation: NFC/NFD, tone placement, diacritics-free matching."""
import unicodedata

from index.places import find_provinces
from index.vntext import (lexical_terms, match_form, normalize_tones, query_terms, split_sentences,
                          strip_diacritics, word_tokens)


def test_tone_placement_is_one_form():
    for a, b in [("hòa", "hoà"), ("thủy", "thuỷ"), ("hóa", "hoá"), ("khỏe", "khoẻ"), ("Hòa Bình", "Hoà Bình"),
                 ("ủy ban", "uỷ ban")]:
        assert normalize_tones(a) == normalize_tones(b)
    # closed syllables and qu-/gi- are left alone
    assert normalize_tones("hoàng thuyết quý giữ") == "hoàng thuyết quý giữ"


def test_nfd_input_matches_nfc():
    nfd = unicodedata.normalize("NFD", "Tổng kim ngạch xuất nhập khẩu")
    assert word_tokens(nfd) == word_tokens("Tổng kim ngạch xuất nhập khẩu")
    assert match_form(nfd) == match_form("TỔNG KIM  NGẠCH xuất nhập khẩu")


def test_diacritics_free_terms_match():
    doc = set(lexical_terms("Tổng kim ngạch xuất nhập khẩu ước đạt 250 triệu USD"))
    q = query_terms("tong kim ngach xuat nhap khau")
    assert q and all(t in doc for t in q)
    assert strip_diacritics("Đồng Đăng") == "Dong Dang"


def test_zero_padded_numbers_are_one_token():
    assert "1" in word_tokens("tháng 01/2023") and "1" in word_tokens("tháng 1")


def test_sentence_split_keeps_numbers_and_abbreviations():
    s = ("Lượng luân chuyển hành khách đạt 22 triệu HK.Km, hàng hóa 57 triệu tấn.Km. Vốn 1.226,1 tỷ đồng. "
         "Tại TP. Lạng Sơn có 5 điểm.")
    assert split_sentences(s) == ["Lượng luân chuyển hành khách đạt 22 triệu HK.Km, hàng hóa 57 triệu tấn.Km.",
                                  "Vốn 1.226,1 tỷ đồng.", "Tại TP. Lạng Sơn có 5 điểm."]


def test_find_provinces_with_and_without_accents():
    assert find_provinces("kim ngạch của tỉnh Cao Bằng tháng 1") == ["Cao Bằng"]
    assert find_provinces("so ho ngheo tinh lang son") == ["Lạng Sơn"]
    assert find_provinces("tỉnh Hoà Bình") == ["Hòa Bình"]
