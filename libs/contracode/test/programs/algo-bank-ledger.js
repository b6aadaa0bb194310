/* eslint-disable */
const transactions = [
  { id: 1, from: 'alice', to: 'bob', amount: 50 }, { id: 2, from: 'bob', to: 'carol', amount: 20 },
  { id: 3, from: 'carol', to: 'alice', amount: 5 }, { id: 4, from: 'alice', to: 'carol', amount: 100 },
];
const balances = { alice: 100, bob: 10, carol: 0 };
const rejected = [];
for (const tx of transactions) {
  if (balances[tx.from] < tx.amount) { rejected.push(tx.id); continue; }
  balances[tx.from] -= tx.amount;
  balances[tx.to] += tx.amount;
}
console.log(JSON.stringify(balances), rejected, Object.values(balances).reduce((a, b) => a + b));
