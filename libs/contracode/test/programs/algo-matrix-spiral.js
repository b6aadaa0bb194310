/* eslint-disable */
function spiral(n) {
  const m = Array.from({ length: n }, () => Array(n).fill(0));
  let [r, c, dr, dc] = [0, 0, 0, 1];
  for (let v = 1; v <= n * n; v++) {
    m[r][c] = v;
    const nr = r + dr, nc = c + dc;
    if (nr < 0 || nr >= n || nc < 0 || nc >= n || m[nr][nc]) [dr, dc] = [dc, -dr];
    r += dr; c += dc;
  }
  return m;
}
console.log(spiral(4).map((row) => row.map((v) => String(v).padStart(3)).join('')).join('\n'));
