// The empty roster workbook offered for download: the columns of columns.ts with drop-down lists for coded
// values, and a "Hướng dẫn" sheet explaining each column.
import type ExcelJS from 'exceljs';
import { newWorkbook, workbookBuffer } from '../../../platform/excel.js';
import { columnLetter, DATE_FORMAT, rosterColumns, type RosterColumn } from './columns.js';

export const ROSTER_SHEET = 'Danh sách đảng viên';
export const GUIDE_SHEET = 'Hướng dẫn';
/** Rows of the template that carry drop-downs and formats. */
const TEMPLATE_ROWS = 2000;

/** Column widths and number formats: shared by the template and the export. */
export function setupRosterSheet(ws: ExcelJS.Worksheet) {
  ws.columns = rosterColumns.map((c) => ({
    key: c.key,
    width: c.width,
    style: c.kind === 'date' ? { numFmt: DATE_FORMAT } : c.kind === 'digits' || c.key === 'partyCardNo' || c.key === 'phone' || c.key === 'cellCode' ? { numFmt: '@' } : {},
  }));
}

/** The header row stays in view (given when the sheet is added: the streaming writer cannot set it later). */
export const FROZEN_HEADER: Partial<ExcelJS.AddWorksheetOptions> = { views: [{ state: 'frozen', ySplit: 1 }] };

export function styleHeaderRow(row: ExcelJS.Row) {
  row.values = rosterColumns.map((c) => c.header);
  row.height = 32;
  row.eachCell((cell) => {
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFB71C1C' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin' } };
  });
}

function listValidation(c: RosterColumn): ExcelJS.DataValidation {
  const labels = Object.values(c.labels ?? {});
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${labels.join(',')}"`],
    showErrorMessage: c.key !== 'posts', // several posts may be typed, separated by ';'
    errorStyle: 'stop',
    errorTitle: c.header,
    error: `Chọn một giá trị: ${labels.join(', ')}`,
    showInputMessage: true,
    promptTitle: c.header,
    prompt: c.help.slice(0, 250),
  };
}

export async function buildRosterTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  wb.creator = 'chibo';
  wb.created = new Date();
  const ws = wb.addWorksheet(ROSTER_SHEET, FROZEN_HEADER);
  setupRosterSheet(ws);
  styleHeaderRow(ws.getRow(1));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: rosterColumns.length } };
  rosterColumns.forEach((c, i) => {
    if (!c.labels) return;
    const letter = columnLetter(i);
    (ws as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } }).dataValidations.add(
      `${letter}2:${letter}${TEMPLATE_ROWS + 1}`,
      listValidation(c),
    );
  });

  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: 'Cột', key: 'header', width: 28 },
    { header: 'Giải thích', key: 'help', width: 90 },
    { header: 'Giá trị hợp lệ', key: 'values', width: 60 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of rosterColumns) {
    guide.addRow({ header: c.header, help: c.help, values: c.labels ? Object.values(c.labels).join(', ') : c.kind === 'date' ? 'dd/mm/yyyy' : '' });
  }
  guide.addRow({});
  for (const line of [
    'Dòng 1 là tiêu đề cột; mỗi dòng tiếp theo là một đảng viên. Không đổi tên các cột.',
    'Cả tệp được kiểm tra trước: nếu có lỗi, không dòng nào được nhập và hệ thống liệt kê mọi lỗi (dòng, cột, lý do).',
    'Nhập lại cùng tệp sẽ cập nhật đảng viên đã có (nhận ra theo số thẻ đảng, nếu không có thì theo số CCCD), không tạo bản trùng.',
    'Ô để trống không xóa thông tin đã lưu; chức vụ, kiêm nhiệm và máy tính chỉ được thêm, không bị kết thúc khi nhập.',
  ]) {
    guide.addRow({ header: '', help: line });
  }
  guide.getColumn('help').alignment = { wrapText: true, vertical: 'top' };
  return workbookBuffer(wb);
}
