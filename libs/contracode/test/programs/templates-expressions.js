/* eslint-disable */
const items = [{ n: 'pen', p: 1.5, q: 4 }, { n: 'book', p: 12, q: 1 }];
const lines = items.map(({ n, p, q }) => `${n.padEnd(6)}${String(q).padStart(3)} x ${p.toFixed(2)} = ${(p * q).toFixed(2)}`);
const total = items.reduce((s, { p, q }) => s + p * q, 0);
console.log(`${lines.join('\n')}\n${'-'.repeat(24)}\nTotal: ${total.toFixed(2)} ${total > 10 ? '(big)' : ''}`);
console.log(`nested ${`inner ${1 + 1}`} and ${[1, 2].map((x) => `<${x}>`).join('')}`);
