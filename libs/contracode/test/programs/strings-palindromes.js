/* eslint-disable */
const isPalindrome = (s) => { const c = s.toLowerCase().replace(/[^a-z0-9]/g, ''); return c === [...c].reverse().join(''); };
function longestPalindrome(s) {
  let best = '';
  for (let i = 0; i < s.length; i++) {
    for (const [l0, r0] of [[i, i], [i, i + 1]]) {
      let l = l0, r = r0;
      while (l >= 0 && r < s.length && s[l] === s[r]) { l--; r++; }
      if (r - l - 1 > best.length) best = s.slice(l + 1, r);
    }
  }
  return best;
}
console.log(isPalindrome('A man, a plan, a canal: Panama'), isPalindrome('nope'), longestPalindrome('forgeeksskeegfor'));
