/* eslint-disable */
function lcs(a, b) {
  const dp = Array.from({ length: a.length + 1 }, () => Array(b.length + 1).fill(''));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + a[i - 1] : dp[i - 1][j].length >= dp[i][j - 1].length ? dp[i - 1][j] : dp[i][j - 1];
  return dp[a.length][b.length];
}
console.log(lcs('ABCBDAB', 'BDCABA'), lcs('javascript', 'typescript'), lcs('', 'x') === '');
