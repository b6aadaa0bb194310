/* eslint-disable */
const edges = [['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd'], ['d', 'e'], ['f', 'g']];
const graph = new Map();
for (const [u, v] of edges) {
  if (!graph.has(u)) graph.set(u, []);
  if (!graph.has(v)) graph.set(v, []);
  graph.get(u).push(v);
  graph.get(v).push(u);
}
function bfs(start) {
  const dist = { [start]: 0 };
  const queue = [start];
  while (queue.length) { const u = queue.shift(); for (const v of graph.get(u)) if (!(v in dist)) { dist[v] = dist[u] + 1; queue.push(v); } }
  return dist;
}
function components() {
  const seen = new Set();
  const out = [];
  for (const node of graph.keys()) {
    if (seen.has(node)) continue;
    const comp = [];
    (function dfs(n) { seen.add(n); comp.push(n); for (const m of graph.get(n)) if (!seen.has(m)) dfs(m); })(node);
    out.push(comp.join(''));
  }
  return out;
}
console.log(JSON.stringify(bfs('a')), components().join('|'));
