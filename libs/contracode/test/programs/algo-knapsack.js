/* eslint-disable */
function knapsack(items, capacity) {
  const dp = Array.from({ length: items.length + 1 }, () => new Array(capacity + 1).fill(0));
  for (let i = 1; i <= items.length; i++) {
    const { w, v } = items[i - 1];
    for (let c = 0; c <= capacity; c++) dp[i][c] = Math.max(dp[i - 1][c], c >= w ? dp[i - 1][c - w] + v : 0);
  }
  const chosen = [];
  for (let i = items.length, c = capacity; i > 0; i--) if (dp[i][c] !== dp[i - 1][c]) { chosen.push(items[i - 1].name); c -= items[i - 1].w; }
  return [dp[items.length][capacity], chosen.reverse()];
}
console.log(JSON.stringify(knapsack([{ name: 'a', w: 1, v: 1 }, { name: 'b', w: 3, v: 4 }, { name: 'c', w: 4, v: 5 }, { name: 'd', w: 5, v: 7 }], 7)));
