import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { columnForHeader, headerKey } from './catalog-sheet';

/** A spreadsheet as rows of text, with the row numbers a person sees in Excel. */
export interface Sheet {
  /** How the bytes were read: UTF-8, UTF-8 (BOM), Shift_JIS, UTF-16, or xlsx. */
  format: string;
  /** The row the headers are on (1-based). */
  headerLine: number;
  headers: string[];
  rows: { line: number; cells: string[] }[];
}

export class SheetError extends Error {}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** How far down a title, notes and blank rows may push the header row. */
const HEADER_SEARCH_ROWS = 20;

/**
 * Reads CSV (UTF-8 with or without BOM, Shift_JIS/CP932 as Japanese Excel writes it, UTF-16 text)
 * or .xlsx (the first sheet with data). Finds the header row below titles and blank rows: the row
 * with the most headers we know, or that `knownHeaders` names.
 */
export async function readSheet(
  bytes: Buffer,
  knownHeaders: readonly string[] = [],
): Promise<Sheet> {
  const isXlsx = XLSX_MAGIC.every((b, i) => bytes[i] === b);
  const { format, grid } = isXlsx ? await xlsxGrid(bytes) : csvGrid(bytes);
  const known = new Set(knownHeaders.map(headerKey));
  const score = (row: string[]) =>
    row.filter((h) => h.trim() && (known.has(headerKey(h)) || columnForHeader(h))).length;
  let best = -1;
  let bestScore = 0;
  grid.slice(0, HEADER_SEARCH_ROWS).forEach((row, i) => {
    const s = score(row);
    if (s > bestScore) [best, bestScore] = [i, s];
  });
  if (best < 0)
    throw new SheetError(
      `見出しの行が見つかりません。最初の${HEADER_SEARCH_ROWS}行のどこかに「名称」「住所」などの見出しを置いてください`,
    );
  // Two header rows: a group heading merged across columns (連絡先 over 電話 | メール | FAX). The
  // row below is headings too when each of its cells is a heading we know or sits under a group
  // (a merged cell reads the same in every column it covers); its headings are the specific ones.
  const top = grid[best];
  const below = grid[best + 1] ?? [];
  const grouped = (i: number) => !top[i]?.trim() || top[i] === top[i - 1] || top[i] === top[i + 1];
  const filled = below.map((c, i) => [c.trim(), i] as const).filter(([c]) => c);
  const twoRows = score(below) > 0 && filled.every(([c, i]) => grouped(i) || score([c]) === 1);
  const headers = top.map((h, i) => ((twoRows && below[i]?.trim()) || h).trim());
  const first = best + (twoRows ? 2 : 1);
  const rows = grid
    .slice(first)
    .map((cells, i) => ({ line: first + 1 + i, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  return { format, headerLine: best + 1, headers, rows };
}

function decode(bytes: Buffer): { format: string; text: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { format: 'UTF-8 (BOM)', text: bytes.subarray(3).toString('utf8') };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { format: 'UTF-16', text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  try {
    return { format: 'UTF-8', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Not UTF-8: Japanese Excel's CSV, Shift_JIS with Microsoft's extensions (WHATWG shift_jis is CP932).
    return { format: 'Shift_JIS', text: new TextDecoder('shift_jis').decode(bytes) };
  }
}

function csvGrid(bytes: Buffer): { format: string; grid: string[][] } {
  const { format, text } = decode(bytes);
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter =
    (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  try {
    const grid: string[][] = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    });
    return { format, grid };
  } catch (e) {
    throw new SheetError(`CSVとして読めません: ${(e as Error).message}`);
  }
}

async function xlsxGrid(bytes: Buffer): Promise<{ format: string; grid: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new SheetError(`Excelファイル（.xlsx）として読めません: ${(e as Error).message}`);
  }
  const sheet = workbook.worksheets.find((w) => w.actualRowCount > 0);
  if (!sheet) throw new SheetError('Excelファイルにデータのあるシートがありません');
  const grid: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      // A merged cell reads as the cell that holds the value (the top-left one).
      cells.push(cellText(cell.isMerged ? cell.master.value : cell.value));
    }
    grid.push(cells);
  }
  return { format: 'xlsx', grid };
}

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel keeps times of day as dates on 1899-12-30; dates as midnight UTC.
    const time = `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
    if (value.getUTCFullYear() < 1901) return time;
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    return time === '00:00' ? date : `${date} ${time}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}
