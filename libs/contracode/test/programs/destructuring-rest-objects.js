/* eslint-disable */
const { id, ...others } = { id: 7, name: 'n', tags: ['t'] };
const merged = { ...others, extra: true, name: 'override' };
const { [`na${'me'}`]: computed } = merged;
console.log(id, JSON.stringify(others), JSON.stringify(merged), computed);
