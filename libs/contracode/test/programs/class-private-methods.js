/* eslint-disable */
class Account {
  #balance = 0;
  #log = [];
  #record(kind, amount) { this.#log.push(`${kind}:${amount}`); }
  deposit(n) { this.#balance += n; this.#record('d', n); return this; }
  withdraw(n) { if (n > this.#balance) throw new RangeError('insufficient'); this.#balance -= n; this.#record('w', n); return this; }
  static isAccount(o) { return #balance in o; }
  get history() { return this.#log.join(' '); }
}
const acc = new Account().deposit(50).withdraw(20);
try { acc.withdraw(100); } catch (e) { console.log(e.name, e.message); }
console.log(acc.history, Account.isAccount(acc), Account.isAccount({}));
