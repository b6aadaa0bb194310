/* eslint-disable */
const bank = (function () {
  const accounts = {};
  function open(name, amount) { accounts[name] = amount; }
  function transfer(from, to, amount) {
    if (accounts[from] < amount) return false;
    accounts[from] -= amount;
    accounts[to] += amount;
    return true;
  }
  return { open, transfer, balance: (n) => accounts[n] };
})();
bank.open('ann', 100);
bank.open('bob', 20);
console.log(bank.transfer('ann', 'bob', 30), bank.transfer('bob', 'ann', 500), bank.balance('ann'), bank.balance('bob'));
