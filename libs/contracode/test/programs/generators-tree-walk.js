/* eslint-disable */
const tree = { v: 1, children: [{ v: 2, children: [{ v: 4, children: [] }] }, { v: 3, children: [{ v: 5, children: [] }, { v: 6, children: [] }] }] };
function* depthFirst(node, depth = 0) {
  yield [node.v, depth];
  for (const child of node.children) yield* depthFirst(child, depth + 1);
}
function* breadthFirst(root) {
  const queue = [root];
  while (queue.length) { const n = queue.shift(); yield n.v; queue.push(...n.children); }
}
console.log([...depthFirst(tree)].map(([v, d]) => '-'.repeat(d) + v).join(' '), [...breadthFirst(tree)].join(''));
