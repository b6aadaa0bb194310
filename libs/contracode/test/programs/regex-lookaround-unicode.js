/* eslint-disable */
const prices = 'USD 10, EUR 20, USD 35';
console.log(prices.match(/(?<=USD )\d+/g).join('+'));
console.log('aXbXc'.split(/(?=X)/).join('|'));
console.log('😀 smile'.match(/./gu).length, '😀 smile'.match(/./g).length);
console.log(/\p{Lu}/u.test('É'), 'ÀÉÎ'.normalize('NFD').replace(/\p{M}/gu, ''));
