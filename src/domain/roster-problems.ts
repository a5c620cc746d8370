// The problems a roster import can find in a file, each with a stable code, in Vietnamese and English. One
// catalog for every surface: the web job view (the imports feature adds it under `imports.problems`), the
// errors.xlsx (in the requesting user's language) and the `chibo import people` command (vi, or en with
// --lang en / CHIBO_LANG=en). Each sentence names the column ({{column}}, the file's own header) and says what
// to do. Placeholders use i18next's {{name}} syntax, filled from the problem's `params` (texts.ts: the shape the
// server's other catalogs, the PDFs' words, share).

import { fillTemplate, type TextLang } from './texts.js';

export { fillTemplate };
export type RosterLang = TextLang;

export const rosterProblemTexts = {
  vi: {
    not_xlsx: 'Tệp không phải sổ tính Excel .xlsx. Hãy lưu lại tệp dưới dạng .xlsx (Excel Workbook) rồi tải lên lần nữa.',
    workbook_too_large: 'Tệp chứa nhiều dữ liệu hơn hẳn một danh sách đảng viên (hoặc có ô dài quá mức Excel cho phép) nên không được đọc. Hãy lưu lại tệp từ Excel hoặc LibreOffice, hoặc chia thành nhiều tệp.',
    empty_file: 'Trang tính không có dữ liệu. Hãy điền danh sách vào tệp mẫu rồi tải lên lại.',
    no_member_rows: 'Trang tính có dòng tiêu đề nhưng chưa có dòng đảng viên nào. Hãy điền danh sách bên dưới dòng tiêu đề.',
    unknown_column: 'Cột «{{column}}» không có trong mẫu. Hãy dùng đúng tiêu đề cột của tệp mẫu, hoặc xoá cột này.',
    duplicate_column: 'Cột «{{column}}» xuất hiện hai lần. Hãy xoá một trong hai cột.',
    missing_column: 'Thiếu cột «{{column}}». Hãy thêm cột này với đúng tiêu đề như tệp mẫu.',
    required: 'Cột «{{column}}» còn trống. Hãy điền giá trị cho ô này.',
    identifier_required: 'Cần số thẻ đảng hoặc số CCCD để nhận ra đảng viên khi nhập lại tệp. Hãy điền ít nhất một trong hai.',
    invalid_date: '«{{value}}» ở cột «{{column}}» không phải là một ngày có thật. Hãy viết theo dạng dd/mm/yyyy, ví dụ 25/03/1980.',
    date_before_1900: 'Ngày ở cột «{{column}}» trước năm 1900. Hãy kiểm tra lại năm.',
    date_in_future: 'Ngày ở cột «{{column}}» là một ngày trong tương lai. Hãy sửa lại cho đúng.',
    cccd_format: 'Số CCCD ở cột «{{column}}» phải có đúng 12 chữ số. Nếu Excel làm mất số 0 ở đầu, hãy định dạng cột là Văn bản (Text) rồi gõ lại.',
    party_card_format: 'Số thẻ đảng ở cột «{{column}}» gồm 4–20 chữ số hoặc chữ cái. Hãy sửa lại.',
    unknown_choice: '«{{value}}» không phải giá trị của cột «{{column}}». Hãy chọn một trong: {{allowed}}.',
    name_format: 'Họ tên ở cột «{{column}}» không được có chữ số hay ký hiệu. Hãy sửa lại.',
    phone_format: '«{{value}}» ở cột «{{column}}» không phải số điện thoại. Hãy viết số điện thoại, ví dụ 0912345678.',
    too_short: 'Cột «{{column}}» quá ngắn: cần ít nhất {{min}} ký tự.',
    too_long: 'Cột «{{column}}» quá dài: tối đa {{max}} ký tự. Hãy rút gọn.',
    wrong_format: 'Giá trị ở cột «{{column}}» không đúng dạng. Hãy xem hướng dẫn của cột trong tệp mẫu.',
    bad_character: 'Cột «{{column}}» có ký tự không thể lưu. Hãy gõ lại ô này.',
    unknown_cell: 'Không có chi bộ nào đang hoạt động mang mã «{{code}}» thuộc {{unit}}. Hãy kiểm tra mã ở cột «{{column}}» (mã chi bộ xem trong cây tổ chức).',
    duplicate_in_file: 'Dòng {{row}} cũng là người này (trùng ở cột «{{column}}»). Mỗi đảng viên chỉ ghi một dòng: hãy xoá hoặc sửa một trong hai dòng.',
    duplicate_elsewhere: 'Giá trị ở cột «{{column}}» đã thuộc về một người ngoài {{unit}}. Hãy kiểm tra lại; nếu đúng là người đó, hãy làm thủ tục chuyển sinh hoạt trong ứng dụng.',
    cccd_other_person: 'Số CCCD ở cột «{{column}}» thuộc về một người khác với số thẻ đảng của dòng này. Hãy kiểm tra lại hai số.',
    closed_record: 'Hồ sơ của người này đã đóng (đã ra khỏi Đảng hoặc từ trần). Hãy mở lại hồ sơ trong ứng dụng trước khi nhập.',
    two_secretaries: 'Dòng {{row}} đã là bí thư của chi bộ này; mỗi chi bộ có một bí thư. Hãy sửa cột «{{column}}» ở một trong hai dòng.',
    secretary_exists: 'Chi bộ đã có bí thư ({{name}}). Hãy kết thúc nhiệm kỳ đó trong ứng dụng trước, hoặc sửa cột «{{column}}».',
    official_before_joining: 'Ngày chính thức ở cột «{{column}}» phải sau ngày vào Đảng. Hãy sửa một trong hai ngày.',
    official_in_future: 'Ngày chính thức ở cột «{{column}}» là ngày trong tương lai. Hãy sửa lại.',
    joined_in_future: 'Ngày vào Đảng ở cột «{{column}}» là ngày trong tương lai. Hãy sửa lại.',
    birth_in_future: 'Ngày sinh ở cột «{{column}}» là ngày trong tương lai. Hãy sửa lại.',
    join_under_18: 'Theo ngày sinh và ngày vào Đảng, người này vào Đảng khi chưa đủ 18 tuổi. Hãy kiểm tra cột «{{column}}».',
    changed_cccd: 'Trong lúc kiểm tra tệp, một số CCCD trong tệp vừa được gán cho người khác. Không có gì được thay đổi: hãy nhập lại tệp.',
    changed_party_card: 'Trong lúc kiểm tra tệp, một số thẻ đảng trong tệp vừa được gán cho người khác. Không có gì được thay đổi: hãy nhập lại tệp.',
    changed_membership: 'Trong lúc kiểm tra tệp, nơi sinh hoạt của một đảng viên vừa thay đổi. Không có gì được thay đổi: hãy nhập lại tệp.',
    changed_secretary: 'Trong lúc kiểm tra tệp, một chi bộ vừa có bí thư. Không có gì được thay đổi: hãy nhập lại tệp.',
    changed_concurrently: 'Trong lúc nhập, cùng những bản ghi đó vừa được người khác thay đổi. Không có gì được thay đổi: hãy nhập lại tệp.',
    interrupted: 'Việc nhập bị gián đoạn (máy chủ dừng khi đang chạy); không có gì được thay đổi. Hãy nhập lại tệp.',
    internal: 'Việc nhập thất bại ngoài dự kiến; không có gì được thay đổi. Hãy thử lại hoặc báo quản trị viên.',
    more_problems: '… và {{count}} lỗi khác: hãy sửa các lỗi trên rồi nhập lại tệp để xem phần còn lại.',
  },
  en: {
    not_xlsx: 'The file is not an Excel .xlsx workbook. Save it as .xlsx (Excel Workbook) and upload it again.',
    workbook_too_large: 'The workbook expands to far more data than a roster holds (or has a cell longer than Excel allows), so it was not read. Save it again from Excel or LibreOffice, or split it.',
    empty_file: 'The sheet is empty. Fill in the template and upload it again.',
    no_member_rows: 'The sheet has a header but no member rows. Write the members below the header row.',
    unknown_column: 'The column «{{column}}» is not in the template. Use the template\'s column headers, or delete this column.',
    duplicate_column: 'The column «{{column}}» appears twice. Delete one of them.',
    missing_column: 'The column «{{column}}» is missing. Add it with the header used in the template.',
    required: 'The column «{{column}}» is empty. Fill in this cell.',
    identifier_required: 'A party card number or a citizen ID (CCCD) is needed to recognise the member when the file is imported again. Fill in at least one.',
    invalid_date: '«{{value}}» in the column «{{column}}» is not a real date. Write it as dd/mm/yyyy, e.g. 25/03/1980.',
    date_before_1900: 'The date in the column «{{column}}» is before 1900. Check the year.',
    date_in_future: 'The date in the column «{{column}}» is in the future. Correct it.',
    cccd_format: 'The citizen ID (CCCD) in the column «{{column}}» has exactly 12 digits. If Excel dropped the leading zeros, format the column as Text and type it again.',
    party_card_format: 'The party card number in the column «{{column}}» has 4–20 digits or letters. Correct it.',
    unknown_choice: '«{{value}}» is not a value of the column «{{column}}». Use one of: {{allowed}}.',
    name_format: 'The name in the column «{{column}}» has no digits or symbols. Correct it.',
    phone_format: '«{{value}}» in the column «{{column}}» is not a phone number. Write a phone number such as 0912345678.',
    too_short: 'The column «{{column}}» is too short: at least {{min}} characters.',
    too_long: 'The column «{{column}}» is too long: at most {{max}} characters. Shorten it.',
    wrong_format: 'The value in the column «{{column}}» is not in the expected form. See the column\'s help in the template.',
    bad_character: 'The column «{{column}}» holds a character that cannot be stored. Type the cell again.',
    unknown_cell: 'No current party cell has the code «{{code}}» under {{unit}}. Check the code in the column «{{column}}» (cell codes are shown in the tree).',
    duplicate_in_file: 'Row {{row}} is the same person (the same «{{column}}»). Each member has one row: delete or correct one of the two.',
    duplicate_elsewhere: 'The value in the column «{{column}}» belongs to a person outside {{unit}}. Check it; if it is that person, transfer them in the app.',
    cccd_other_person: 'The citizen ID (CCCD) in the column «{{column}}» belongs to another person than this row\'s party card number. Check both numbers.',
    closed_record: 'This person\'s record is closed (left the party or deceased). Reopen it in the app before importing.',
    two_secretaries: 'Row {{row}} is already the secretary of this cell; a cell has one secretary. Correct the column «{{column}}» on one of the two rows.',
    secretary_exists: 'The cell already has a secretary ({{name}}). End that term in the app first, or correct the column «{{column}}».',
    official_before_joining: 'The official date in the column «{{column}}» must be after the joining date. Correct one of the two dates.',
    official_in_future: 'The official date in the column «{{column}}» is in the future. Correct it.',
    joined_in_future: 'The joining date in the column «{{column}}» is in the future. Correct it.',
    birth_in_future: 'The birth date in the column «{{column}}» is in the future. Correct it.',
    join_under_18: 'By the birth and joining dates this person joined before turning 18. Check the column «{{column}}».',
    changed_cccd: 'While the file was being checked, a citizen ID (CCCD) of the file was given to another person. Nothing was changed: import the file again.',
    changed_party_card: 'While the file was being checked, a party card number of the file was given to another person. Nothing was changed: import the file again.',
    changed_membership: 'While the file was being checked, a member\'s cell changed. Nothing was changed: import the file again.',
    changed_secretary: 'While the file was being checked, a cell got a secretary. Nothing was changed: import the file again.',
    changed_concurrently: 'While the file was being imported, someone changed the same records. Nothing was changed: import the file again.',
    interrupted: 'The import was interrupted (the server stopped while it ran); nothing was changed. Import the file again.',
    internal: 'The import failed unexpectedly; nothing was changed. Try again or contact the administrator.',
    more_problems: '… and {{count}} more problems: fix these and import the file again to see the rest.',
  },
} as const;

export type RosterProblemCode = keyof (typeof rosterProblemTexts)['vi'];

export interface RosterProblemLike {
  row: number;
  column: string;
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

const numberFormat = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-US') };

/** The sentence for one problem in a language; a code or parameter this catalog lacks falls back to the stored message. */
export function rosterProblemText(p: RosterProblemLike, lang: RosterLang): string {
  const template = (rosterProblemTexts[lang] as Record<string, string>)[p.code];
  if (!template) return p.message;
  return fillTemplate(template, { ...p.params, column: p.column }, lang) ?? p.message;
}

/** Where a problem is, for a line of text: "Dòng 5, cột «Số CCCD»" / "Row 5, column «Số CCCD»". */
export function rosterProblemPlace(p: RosterProblemLike, lang: RosterLang): string {
  const row = p.row ? numberFormat[lang].format(p.row) : '';
  if (lang === 'vi') return p.row ? `Dòng ${row}${p.column ? `, cột «${p.column}»` : ''}` : p.column ? `Cột «${p.column}»` : 'Tệp';
  return p.row ? `Row ${row}${p.column ? `, column «${p.column}»` : ''}` : p.column ? `Column «${p.column}»` : 'File';
}
