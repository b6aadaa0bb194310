/* eslint-disable */
class Money {
  constructor(cents) { this.cents = cents; }
  toString() { return `$${(this.cents / 100).toFixed(2)}`; }
  toJSON() { return { amount: this.cents / 100 }; }
  valueOf() { return this.cents; }
}
const m = new Money(1234);
console.log(`${m}`, JSON.stringify({ m }), m + 1, m > 1000);
