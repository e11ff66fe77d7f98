"""A short provincial monthly report (Cao Bằng, February 2023) that tests ingest as a text or PDF upload."""

SMALL_REPORT = """ỦY BAN NHÂN DÂN
TỈNH CAO BẰNG

BÁO CÁO
Tình hình kinh tế - xã hội tháng 02 năm 2023

I. TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG 02 NĂM 2023

1. Sản xuất nông nghiệp

Tổng đàn dê ước đạt 12.345 con, tăng 3,2% so với cùng kỳ.

2. Thương mại

Tổng mức bán lẻ hàng hóa ước đạt 987 tỷ đồng, tăng 5,5% so với cùng kỳ.
"""
