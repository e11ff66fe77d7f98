"""Hand-checked figures of the sample report and the format zoo (eval/zoo, reports of other issuers).

Each entry: (report file, sentence as split from the report, expected figures in reading order).
A figure is (value_text, unit, metric) where metric is the label the table shows, or a tuple of
labels equally right.  Checked by hand against the sentence: non-statistics ("5 năm" of a plan,
"3 cấp" of levels, document numbers, dates) are absent; comparisons ("đạt 5,1% dự toán") belong to
the figure they compare and are not rows.  tests/test_figures.py measures precision and recall of
extraction (value_text + unit) and the share of right metric labels on these rows.
"""
GOLD = [
    ('langson_ktxh_2023-01.txt', 'Tổng thu ngân sách nhà nước trên địa bàn ước thực hiện tháng 01 là 418,1 tỷ đồng, đạt 5,1% dự toán, bằng 37,6% so với cùng kỳ; trong đó: thu nội địa 165 tỷ đồng, đạt 7,5% dự toán, bằng 68,6%; thu từ hoạt động xuất nhập khẩu 253,1 tỷ đồng, đạt 4,2% dự toán, bằng 29,1%.', [
        ('418,1 tỷ', 'đồng', ('Tổng thu ngân sách nhà nước trên địa bàn ước thực hiện tháng 01', 'Tổng thu ngân sách nhà nước trên địa bàn')),
        ('165 tỷ', 'đồng', 'thu nội địa'),
        ('253,1 tỷ', 'đồng', 'thu từ hoạt động xuất nhập khẩu'),
    ]),
    ('langson_ktxh_2023-01.txt', 'Tổng chi ngân sách địa phương ước thực hiện 777,91 tỷ đồng, đạt 5,7% dự toán, bằng 101,6% so với cùng kỳ, trong đó: Chi cân đối ngân sách địa phương 725,91 tỷ đồng, đạt 7,2% dự toán, bằng 103,5%; chi chương trình mục tiêu quốc gia, chương trình mục tiêu và các nhiệm vụ khác 52 tỷ đồng, đạt 1,5% dự toán, bằng 81%.', [
        ('777,91 tỷ', 'đồng', 'Tổng chi ngân sách địa phương'),
        ('725,91 tỷ', 'đồng', 'Chi cân đối ngân sách địa phương'),
        ('52 tỷ', 'đồng', 'chi chương trình mục tiêu quốc gia, chương trình mục tiêu và các nhiệm vụ khác'),
    ]),
    ('langson_ktxh_2023-01.txt', 'Trong tháng, toàn tỉnh đã tổ chức triển khai thực hiện và kết thúc 15/55 cuộc thanh tra, kiểm tra, phát hiện sai phạm về kinh tế 467,245 triệu đồng; kiến nghị thu hồi 467,24 triệu đồng; đã thu hồi số tiền 250 triệu đồng; các tổ chức thanh tra chuyên ngành đã xử phạt vi phạm hành chính trên các lĩnh vực đối với 37 tổ chức, cá nhân với số tiền nộp ngân sách nhà nước là 61,5 triệu đồng.', [
        ('15/55', 'cuộc', ('kết thúc – thanh tra', 'kết thúc – thanh tra, kiểm tra')),
        ('467,245 triệu', 'đồng', ('phát hiện sai phạm về kinh tế', 'sai phạm về kinh tế')),
        ('467,24 triệu', 'đồng', 'kiến nghị thu hồi'),
        ('250 triệu', 'đồng', ('đã thu hồi số tiền', 'thu hồi số tiền', 'số tiền đã thu hồi')),
        ('37', 'tổ chức', ('xử phạt vi phạm hành chính', 'xử phạt vi phạm hành chính – tổ chức, cá nhân')),
        ('61,5 triệu', 'đồng', 'số tiền nộp ngân sách nhà nước'),
    ]),
    ('langson_ktxh_2023-01.txt', 'Các cơ quan hành chính trong tỉnh tiếp 156 lượt công dân, tiếp nhận 21 đơn thư khiếu nại, tố cáo, trong đó đơn thuộc thẩm quyền giải quyết của thủ trưởng cơ quan hành chính là 11 đơn khiếu nại (có 08 đơn tồn kỳ trước chuyển sang), đã giải quyết được 03/11 đơn, đạt tỷ lệ 27,2%.', [
        ('156', 'lượt', ('tiếp – công dân', 'tiếp công dân')),
        ('21', 'đơn', ('tiếp nhận – thư khiếu nại, tố cáo', 'tiếp nhận – đơn thư khiếu nại, tố cáo')),
        ('11', 'đơn', ('đơn thuộc thẩm quyền giải quyết của thủ trưởng cơ quan hành chính', 'đơn thuộc thẩm quyền giải quyết của thủ trưởng cơ quan hành chính – khiếu nại')),
        ('08', 'đơn', 'tồn kỳ trước chuyển sang'),
        ('03/11', 'đơn', ('đã giải quyết', 'giải quyết')),
    ]),
    ('langson_ktxh_2023-01.txt', 'Hiện nay, hoạt động thông quan hàng hóa xuất nhập khẩu trên địa bàn đang được thực hiện tại 05 cửa khẩu³; trung bình đạt khoảng 1.000 - 1.200 xe/ngày, trong đó 75% hàng xuất khẩu là hoa quả, nông sản.', [
        ('05', 'cửa khẩu', ('hoạt động thông quan hàng hóa xuất nhập khẩu trên địa bàn đang được thực hiện', 'cửa khẩu thông quan hàng hóa xuất nhập khẩu')),
        ('1.000 - 1.200', 'xe/ngày', ('hoạt động thông quan hàng hóa xuất nhập khẩu – trung bình', 'xe thông quan trung bình')),
        ('75%', '%', ('hàng xuất khẩu là hoa quả, nông sản', 'tỷ lệ hàng xuất khẩu là hoa quả, nông sản')),
    ]),
    ('langson_ktxh_2023-01.txt', 'Năm 2023 là năm có ý nghĩa quan trọng trong việc thực hiện Nghị quyết Đại hội Đảng các cấp, Kế hoạch phát triển kinh tế - xã hội 5 năm 2021 – 2025.', [
    ]),
    ('langson_ktxh_2023-01.txt', 'Chỉ đạo các sở, ban, ngành, UBND các huyện, thành phố thực hiện tổng kết nhiệm vụ năm 2022, triển khai nhiệm vụ năm 2023; tổ chức Hội nghị trực tuyến 3 cấp triển khai các mục tiêu, nhiệm vụ, giải pháp chủ yếu chỉ đạo, điều hành Kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách năm 2023; phê duyệt nhiệm vụ trọng tâm năm 2023 của các cơ quan, đơn vị trên địa bàn tỉnh Lạng Sơn; ban hành Quyết định số 79/QĐ-UBND ngày 19/01/2023 về nhiệm vụ, giải pháp chủ yếu chỉ đạo, điều hành thực hiện Kế hoạch phát triển kinh tế - xã hội, Dự toán ngân sách nhà nước và cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh năm 2023.', [
    ]),
    ('langson_ktxh_2023-01.txt', 'Kết quả điều tra, rà soát hộ nghèo, hộ cận nghèo tỉnh Lạng Sơn năm 2022, tổng số hộ nghèo toàn tỉnh là 17.497 hộ, chiếm tỷ lệ 8,92% (giảm 3,28% so với năm 2021); tổng số hộ cận nghèo là 20.320 hộ, chiếm 10,36%.', [
        ('17.497', 'hộ', 'tổng số hộ nghèo toàn tỉnh'),
        ('8,92%', '%', 'tỷ lệ hộ nghèo toàn tỉnh'),
        ('20.320', 'hộ', 'tổng số hộ cận nghèo'),
        ('10,36%', '%', 'tỷ lệ hộ cận nghèo'),
    ]),
    ('langson_ktxh_2023-01.txt', 'Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01 ước đạt 250 triệu USD, đạt 6,6% kế hoạch, tăng 108,3% so với cùng kỳ, trong đó: Xuất khẩu 100 triệu USD, đạt 7,7%, tăng 150%; nhập khẩu 150 triệu USD, đạt 6%, tăng 187,5%.', [
        ('250 triệu', 'USD', 'Tổng kim ngạch xuất nhập khẩu qua địa bàn trong tháng 01'),
        ('100 triệu', 'USD', 'Xuất khẩu'),
        ('150 triệu', 'USD', 'nhập khẩu'),
    ]),
    ('gialai_ubnd_9t-2025.txt', 'Trong mức tăng 9 tháng, khu vực nông, lâm nghiệp và thủy sản tăng 4,08%; khu vực công nghiệp - xây dựng tăng 10,46%; khu vực dịch vụ tăng 7,58%; thuế sản phẩm trừ trợ cấp sản phẩm tăng 5,81%.', [
        ('4,08%', '%', 'khu vực nông, lâm nghiệp và thủy sản'),
        ('10,46%', '%', 'khu vực công nghiệp - xây dựng'),
        ('7,58%', '%', 'khu vực dịch vụ'),
        ('5,81%', '%', 'thuế sản phẩm trừ trợ cấp sản phẩm'),
    ]),
    ('gialai_ubnd_9t-2025.txt', 'Các cây công nghiệp dài ngày chủ lực phát triển ổn định: cà phê 107.650 ha, hồ tiêu 16.820 ha, cao su 101.300 ha; sầu riêng tiếp tục mở rộng với 16.280 ha, tăng 14,5% so với cùng kỳ.', [
        ('107.650', 'ha', 'cà phê'),
        ('16.820', 'ha', 'hồ tiêu'),
        ('101.300', 'ha', 'cao su'),
        ('16.280', 'ha', ('sầu riêng', 'sầu riêng tiếp tục mở rộng')),
    ]),
    ('gialai_ubnd_9t-2025.txt', 'Tỉnh có diện tích tự nhiên hơn 21.576 km², dân số khoảng 3,58 triệu người và 135 đơn vị hành chính cấp xã, gồm 110 xã và 25 phường.', [
        ('hơn 21.576', 'km²', 'diện tích tự nhiên'),
        ('3,58 triệu', 'người', 'dân số'),
        ('135', 'đơn vị', 'đơn vị hành chính cấp xã'),
        ('110', 'xã', 'xã'),
        ('25', '', 'phường'),
    ]),
    ('quangninh_ubnd_q1-2024.txt', 'Ngành than tiêu thụ được 10,8 triệu tấn than, bằng 25,4% kế hoạch năm, giảm 1,7% so với cùng kỳ do nhu cầu than cho sản xuất điện thấp trong những tuần đầu năm.', [
        ('10,8 triệu', 'tấn', ('than tiêu thụ', 'Ngành than tiêu thụ', 'Ngành than tiêu thụ – than')),
    ]),
    ('quangninh_ubnd_q1-2024.txt', '- Chỉ số sản xuất công nghiệp (IIP) quý I tăng 7,9% so với cùng kỳ.', [
        ('7,9%', '%', 'Chỉ số sản xuất công nghiệp (IIP) quý I'),
    ]),
    ('tanlap_ubndxa_q3-2023.txt', 'Giá bán bình quân vải sớm 28.000 đồng/kg, vải chính vụ 19.500 đồng/kg; tổng giá trị thu từ cây vải thiều ước đạt 195.605 triệu đồng.', [
        ('28.000', 'đồng/kg', 'Giá bán bình quân vải sớm'),
        ('19.500', 'đồng/kg', ('vải chính vụ', 'Giá bán bình quân vải chính vụ')),
        ('195.605 triệu', 'đồng', 'tổng giá trị thu từ cây vải thiều'),
    ]),
    ('tanlap_ubndxa_q3-2023.txt', 'Diện tích vải sản xuất theo tiêu chuẩn VietGAP 425 ha, GlobalGAP 38 ha; duy trì 04 mã số vùng trồng phục vụ xuất khẩu với diện tích 186 ha.', [
        ('425', 'ha', 'Diện tích vải sản xuất theo tiêu chuẩn VietGAP'),
        ('38', 'ha', 'GlobalGAP'),
        ('04', '', ('mã số vùng trồng phục vụ xuất khẩu', 'duy trì – mã số vùng trồng phục vụ xuất khẩu')),
        ('186', 'ha', 'diện tích'),
    ]),
    ('thanhhoa_ctk_2023-10.txt', 'Sản lượng thịt hơi các loại xuất chuồng trong tháng ước đạt 27,9 nghìn tấn, tăng 3,8%; tính chung 10 tháng đạt 276,4 nghìn tấn, tăng 4,2% so với cùng kỳ.', [
        ('27,9 nghìn', 'tấn', 'Sản lượng thịt hơi các loại xuất chuồng trong tháng'),
        ('276,4 nghìn', 'tấn', 'Sản lượng thịt hơi các loại xuất chuồng tính chung 10 tháng'),
    ]),
    ('thanhhoa_ctk_2023-10.txt', 'Ước tính tại thời điểm cuối tháng Mười, đàn trâu của tỉnh có 172,4 nghìn con, giảm 1,8% so với cùng thời điểm năm trước; đàn bò 248,6 nghìn con, tăng 0,7%; đàn lợn 1.452,3 nghìn con, tăng 3,4%; đàn gia cầm 24.815 nghìn con, tăng 4,1%.', [
        ('172,4 nghìn', 'con', ('đàn trâu của tỉnh', 'đàn trâu')),
        ('248,6 nghìn', 'con', 'đàn bò'),
        ('1.452,3 nghìn', 'con', 'đàn lợn'),
        ('24.815 nghìn', 'con', 'đàn gia cầm'),
    ]),
    ('krongpac_ubnd_6t-2024.txt', 'Giá lúa tươi tại ruộng dao động từ 7.800 đến 8.400 đồng/kg, người trồng lúa có lãi khá.', [
        ('7.800 đến 8.400', 'đồng/kg', 'Giá lúa tươi tại ruộng'),
    ]),
    ('krongpac_ubnd_6t-2024.txt', 'Nhờ chủ động nguồn nước tưới từ hồ Krông Búk Hạ và hệ thống kênh mương nội đồng, cây lúa sinh trưởng tốt, năng suất bình quân đạt 72,6 tạ/ha, cao hơn vụ trước 1,4 tạ/ha; sản lượng lúa đạt 88.427 tấn.', [
        ('72,6', 'tạ/ha', 'năng suất bình quân'),
        # '1,4 tạ/ha' after 'cao hơn vụ trước' compares 72,6 tạ/ha: not a figure of its own
        ('88.427', 'tấn', 'sản lượng lúa'),
    ]),
    ('ninhbinh_ubndhuyen_2017-05.txt', '- Trồng trọt: Vụ chiêm xuân năm 2017 toàn huyện gieo cấy 6.812 ha lúa, đạt 100,2% kế hoạch; trong đó lúa chất lượng cao 2.450 ha, chiếm 36% diện tích.', [
        ('6.812', 'ha', ('gieo cấy – lúa', 'Vụ chiêm xuân năm 2017 toàn huyện gieo cấy – lúa')),
        ('2.450', 'ha', 'lúa chất lượng cao'),
        ('36%', '%', ('tỷ lệ lúa chất lượng cao', 'tỷ lệ lúa chất lượng cao – diện tích')),
    ]),
    ('hanoi_socongthuong_2023-11.txt', 'Ở chiều ngược lại, sản xuất kim loại giảm 12,4%; sản xuất giường, tủ, bàn, ghế giảm 9,2%; sản xuất sản phẩm từ cao su và plastic giảm 5,7%.', [
        ('12,4%', '%', 'sản xuất kim loại'),
        ('9,2%', '%', 'sản xuất giường, tủ, bàn, ghế'),
        ('5,7%', '%', 'sản xuất sản phẩm từ cao su và plastic'),
    ]),
    ('hcm_ubnd_2023-05.txt', 'Kim ngạch xuất khẩu hàng hóa trên địa bàn Thành phố tháng 5 ước đạt 4.168 triệu USD, tăng 5,7% so với tháng trước nhưng giảm 7,9% so với cùng kỳ.', [
        ('4.168 triệu', 'USD', 'Kim ngạch xuất khẩu hàng hóa trên địa bàn Thành phố tháng 5'),
    ]),
    ('hcm_ubnd_2023-05.txt', 'Tổng thu ngân sách nhà nước trên địa bàn tháng 5 ước đạt 34.118 tỷ đồng.', [
        ('34.118 tỷ', 'đồng', 'Tổng thu ngân sách nhà nước trên địa bàn tháng 5'),
    ]),
    ('nghean_sonnptnt_2022.txt', 'Giá trị sản xuất nông, lâm nghiệp và thủy sản năm 2022 (theo giá so sánh 2010) ước đạt 38.256 tỷ đồng, tăng 4,92% so với năm 2021, vượt chỉ tiêu kế hoạch (tăng 4,5 - 5%).', [
        ('38.256 tỷ', 'đồng', ('Giá trị sản xuất nông, lâm nghiệp và thủy sản năm 2022 (theo giá so sánh 2010)', 'Giá trị sản xuất nông, lâm nghiệp và thủy sản năm 2022')),
    ]),
]
