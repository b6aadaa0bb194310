/** The quick CSV path reads exactly what csv-parse reads, and hands anything it does not handle to it. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { csvRows } from '../../src/planner/csv-rows.js';

const general = (text: string) => parse(text, { columns: true, skip_empty_lines: true, trim: true }) as unknown;
const shipped = (name: string) => readFileSync(new URL(`../../data/skyplane-profile/${name}`, import.meta.url), 'utf8');

it.each([
  ['the shipped throughput grid', shipped('throughput.csv')],
  ['the shipped price grid', shipped('cost.csv')],
  ['CRLF, blank lines, spaces around fields', 'src , dst,cost\r\n\r\n aws:a ,aws:b, 0.02 \r\naws:b,aws:a,0.02\r\n\r\n'],
  ['a header only', 'src,dst,cost\n'],
  ['nothing', ''],
  ['quoted fields (the general parser)', 'src,dst,cost\n"aws:a","aws:b","0.02"\n'],
])('%s: the same rows as csv-parse', (_, text) => {
  expect(csvRows(text)).toEqual(general(text));
});

it('a row with a field too few or too many is an error, as in csv-parse', () => {
  for (const text of ['src,dst,cost\naws:a,aws:b\n', 'src,dst,cost\naws:a,aws:b,1,2\n']) {
    expect(() => general(text)).toThrow();
    expect(() => csvRows(text)).toThrow(/record 2 has \d fields, the header 3/);
  }
});
