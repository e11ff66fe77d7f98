"""The app's words in one place, for Gradio's i18n (`gr.I18n`): the app's own strings and Gradio's.

Gradio translates its own interface ("Drop File Here", "Use via API", the "Error" of a toast...) from
the browser's locale, but Gradio 6 has no Vietnamese: a Vietnamese browser falls back to its "en"
dictionary.  A custom "en" dictionary overrides the built-in one key by key, so the Vietnamese words
are registered under "vi" (for a Gradio that gains the locale) and under "en" (what every browser
gets today).  The app is for Vietnamese offices: its interface is Vietnamese whatever the browser.
"""
from __future__ import annotations

import gradio as gr

# the app's own strings (keys with the "bc." prefix)
APP = {
    "bc.title": "Hỏi đáp báo cáo",
    "bc.subtitle": "Hỏi đáp có trích dẫn trên báo cáo của cơ quan nhà nước.",
    "bc.tab_chat": "Hỏi đáp",
    "bc.tab_reports": "Báo cáo",
    "bc.tab_figures": "Tra cứu số liệu",
    "bc.chat": "Hội thoại",
    "bc.send": "Gửi",
    "bc.clear": "Hội thoại mới",
    "bc.feedback_send": "Gửi góp ý",
    "bc.history": "Lịch sử hội thoại (lưu trong trình duyệt này)",
    "bc.history_list": "Hội thoại đã lưu",
    "bc.history_open": "Mở lại",
    "bc.history_delete": "Xóa khỏi lịch sử",
    "bc.history_rename": "Đổi tên",
    "bc.examples": "Câu hỏi mẫu",
    "bc.settings": "Cài đặt",
    "bc.k": "Số đoạn truy xuất (k)",
    "bc.context": "Ngữ cảnh của đoạn trích",
    "bc.cited": "Đoạn được trích dẫn",
    "bc.show": "Xem trong văn bản",
    "bc.show_page": "Xem trang",
    "bc.page": "Trang được trích (PDF)",
    "bc.docs": "Báo cáo đã nạp",
    "bc.to_remove": "Chọn báo cáo cần xóa",
    "bc.remove": "Xóa báo cáo",
    "bc.only_sources": "Chỉ hỏi trong các báo cáo",
    "bc.only_periods": "Chỉ hỏi trong các kỳ",
    "bc.scope_info": "Để trống = hỏi trong tất cả báo cáo; bấm × trên một mục để bỏ nó.",
    "bc.scope_where": "**Giới hạn phạm vi hỏi đáp** (chọn báo cáo, kỳ): ở thẻ «Hỏi đáp», ngay trên ô câu hỏi.",
    "bc.retag": "Sửa thông tin báo cáo (tỉnh, kỳ, cơ quan ban hành)",
    "bc.retag_source": "Báo cáo cần sửa",
    "bc.retag_province": "Tỉnh",
    "bc.retag_period": "Kỳ",
    "bc.retag_issuer": "Cơ quan ban hành",
    "bc.retag_save": "Lưu sửa đổi",
    "bc.export": "Tải CSV",
    "bc.series_export": "Tải CSV chuỗi",
}

# Gradio's own strings the app shows (keys of Gradio's frontend dictionary, gradio/templates/frontend)
GRADIO = {
    "upload_text.drop_file": "Thả tệp vào đây",
    "upload_text.click_to_upload": "Bấm để chọn tệp",
    "upload_text.drop_csv": "Thả tệp CSV vào đây",
    "upload_text.paste_clipboard": "Dán từ bộ nhớ tạm",
    "common.or": "hoặc",
    "common.error": "Lỗi",
    "common.clear": "Xóa",
    "common.download": "Tải xuống",
    "common.download_all": "Tải tất cả",
    "common.remove": "Bỏ",
    "common.loading": "Đang tải",
    "common.empty": "Trống",
    "common.settings": "Cài đặt",
    "common.language": "Ngôn ngữ",
    "common.display_theme": "Giao diện",
    "common.built_with_gradio": "Xây dựng bằng Gradio",
    "common.built_with": "xây dựng bằng",
    "common.submit": "Gửi",
    "common.undo": "Hoàn tác",
    "common.edit": "Sửa",
    "common.progress": "Tiến độ",
    "errors.use_via_api": "Dùng qua API",
    "errors.use_via_api_or_mcp": "Dùng qua API hoặc MCP",
    "file.uploading": "Đang tải lên...",
    "chatbot.copy_message": "Chép tin nhắn",
    "chatbot.copied_message": "Đã chép",
    "chatbot.clear": "Xóa",
    "chatbot.retry": "Thử lại",
    "chatbot.undo": "Hoàn tác",
    "chatbot.like": "Thích",
    "chatbot.dislike": "Không thích",
    "dataframe.sort_column": "Sắp xếp cột",
    "dataframe.sort_ascending": "Sắp xếp tăng dần",
    "dataframe.sort_descending": "Sắp xếp giảm dần",
    "dataframe.clear_sort": "Bỏ sắp xếp",
    "dataframe.filter": "Lọc",
    "dataframe.clear_filter": "Bỏ lọc",
    "dropdown.dropdown": "Danh sách chọn",
    "status.queue_position": "Đang xếp hàng: {position}/{size}",
    "blocks.lost_connection": "Mất kết nối do rời trang. Đang kết nối lại...",
    "blocks.waiting_for_inputs": "Đang chờ tải tệp lên xong, hãy thử lại.",
    "login.login": "Đăng nhập",
    "login.username": "tên đăng nhập",
    "login.password": "mật khẩu",
    "login.incorrect_credentials": "Sai tên đăng nhập hoặc mật khẩu",
    "plot.plot": "Biểu đồ",
}

VI = {**GRADIO, **APP}
I18N = gr.I18n(vi=VI, en=VI)


def t(key: str):
    """The translatable text of one of the app's keys (shown in Vietnamese by the browser)."""
    if key not in APP:
        raise KeyError(key)
    return I18N(key)


ERROR_TITLE = "Lỗi"
PROGRESS_UNIT = "tệp"
