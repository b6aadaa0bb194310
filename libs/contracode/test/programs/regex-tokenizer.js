/* eslint-disable */
function tokenize(src) {
  const spec = [['ws', /^\s+/], ['num', /^\d+(\.\d+)?/], ['id', /^[a-z_]\w*/i], ['op', /^[-+*\/()=]/]];
  const tokens = [];
  while (src.length) {
    let matched = false;
    for (const [type, re] of spec) {
      const m = re.exec(src);
      if (m) { if (type !== 'ws') tokens.push(`${type}:${m[0]}`); src = src.slice(m[0].length); matched = true; break; }
    }
    if (!matched) throw new SyntaxError('bad char ' + src[0]);
  }
  return tokens;
}
console.log(tokenize('x = 3.5 * (y + 42)').join(' '));
try { tokenize('a $ b'); } catch (e) { console.log(e.name, e.message); }
