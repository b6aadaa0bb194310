/**
 * CSV text as rows keyed by the header (fields trimmed, empty lines skipped). Skyplane's profiles
 * have no quoted fields; those are split directly, many times faster than the general parser when
 * a process starts cold. Anything with a quote or a repeated column name goes to csv-parse.
 */
import { parse } from 'csv-parse/sync';

export type CsvRow = Record<string, string>;

export function csvRows(text: string): CsvRow[] {
  if (text.includes('"')) return parseGeneral(text);
  const lines = text.split(/\r\n|\n|\r/).filter((line) => line !== '');
  if (lines.length === 0) return [];
  const header = (lines[0] as string).split(',').map((field) => field.trim());
  if (new Set(header).size !== header.length) return parseGeneral(text);
  const rows: CsvRow[] = [];
  for (let k = 1; k < lines.length; k++) {
    const fields = (lines[k] as string).split(',');
    if (fields.length !== header.length) {
      throw new Error(`record ${k + 1} has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header ${header.length}`);
    }
    const row: CsvRow = {};
    header.forEach((name, i) => {
      row[name] = (fields[i] as string).trim();
    });
    rows.push(row);
  }
  return rows;
}

function parseGeneral(text: string): CsvRow[] {
  return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as CsvRow[];
}
