/* eslint-disable */
function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) { lines.push(line); line = word; }
    else line = line ? line + ' ' + word : word;
  }
  if (line) lines.push(line);
  return lines;
}
const para = 'The quick brown fox jumps over the lazy dog and keeps running far away into the distant hills';
console.log(wrap(para, 20).map((l) => '|' + l.padEnd(20) + '|').join('\n'));
