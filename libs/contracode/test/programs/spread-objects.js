/* eslint-disable */
const defaults = { color: 'red', size: 'M', tags: ['a'] };
const custom = { size: 'L', price: 10 };
const merged = { ...defaults, ...custom, ...(false && { hidden: true }), ...null, ...'ab' };
const shallow = { ...defaults };
shallow.tags.push('b');
console.log(JSON.stringify(merged), defaults.tags.join(''), Object.keys(merged).length);
