/* eslint-disable */
function html(strings, ...values) {
  const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  return strings.reduce((out, str, i) => out + str + (i < values.length ? escape(values[i]) : ''), '');
}
const user = '<script>"x" & y</script>';
console.log(html`<p title="${user}">${user}</p>`);
function raw(strings) { return strings.raw.join('|') + ' / ' + strings.join('|'); }
console.log(raw`a\nb${1}c\td`);
