/* eslint-disable */
function parseCSV(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
const csv = 'name,quote,n\n"Smith, J","He said ""hi""",3\nDoe,,4\n';
const [header, ...body] = parseCSV(csv);
console.log(JSON.stringify(body.map((r) => Object.fromEntries(r.map((v, i) => [header[i], v])))));
