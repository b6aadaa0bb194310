/* eslint-disable */
function dijkstra(graph, source) {
  const dist = {};
  const prev = {};
  const unvisited = new Set(Object.keys(graph));
  for (const n of unvisited) dist[n] = Infinity;
  dist[source] = 0;
  while (unvisited.size) {
    let u = null;
    for (const n of unvisited) if (u === null || dist[n] < dist[u]) u = n;
    unvisited.delete(u);
    for (const [v, w] of Object.entries(graph[u])) {
      if (dist[u] + w < dist[v]) { dist[v] = dist[u] + w; prev[v] = u; }
    }
  }
  return { dist, prev };
}
const g = { A: { B: 4, C: 2 }, B: { C: 5, D: 10 }, C: { E: 3 }, D: { F: 11 }, E: { D: 4 }, F: {} };
const { dist, prev } = dijkstra(g, 'A');
const path = []; for (let n = 'F'; n; n = prev[n]) path.unshift(n);
console.log(JSON.stringify(dist), path.join('->'));
