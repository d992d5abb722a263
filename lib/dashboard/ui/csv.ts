/**
 * CSV as spreadsheets read it (RFC 4180): a cell with a comma, a quote or a line break is quoted, quotes
 * doubled. A cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage
 * return) is neutralised with a leading apostrophe, so that a contact named "=HYPERLINK(...)" stays text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
