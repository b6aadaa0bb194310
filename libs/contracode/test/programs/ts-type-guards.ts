type Result<T> = { ok: true; value: T } | { ok: false; error: string };
function isString(x: unknown): x is string {
  return typeof x === 'string';
}
function parseNumber(text: string): Result<number> {
  const n = Number(text);
  return Number.isNaN(n) ? { ok: false, error: `bad number: ${text}` } : { ok: true, value: n };
}
const inputs: unknown[] = ['42', 7, 'x', null, '3.5'];
for (const input of inputs) {
  if (!isString(input)) {
    console.log('skip', input);
    continue;
  }
  const r = parseNumber(input);
  console.log(r.ok ? r.value * 2 : r.error);
}
