/* eslint-disable */
class Trie {
  constructor() { this.root = {}; }
  insert(word) { let n = this.root; for (const ch of word) n = n[ch] ??= {}; n.$ = true; }
  *walk(node = this.root, prefix = '') { if (node.$) yield prefix; for (const k of Object.keys(node).sort()) if (k !== '$') yield* this.walk(node[k], prefix + k); }
  complete(prefix) { let n = this.root; for (const ch of prefix) { n = n[ch]; if (!n) return []; } return [...this.walk(n, prefix)]; }
}
const trie = new Trie();
for (const w of ['car', 'card', 'care', 'cat', 'dog', 'do', 'cart']) trie.insert(w);
console.log(trie.complete('car').join(','), trie.complete('do').join(','), trie.complete('x').length);
