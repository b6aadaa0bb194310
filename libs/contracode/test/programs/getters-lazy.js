/* eslint-disable */
const lazy = {
  get expensive() {
    console.log('computing');
    const value = Array.from({ length: 5 }, (_, i) => i * i);
    Object.defineProperty(this, 'expensive', { value, writable: false });
    return value;
  },
};
console.log(lazy.expensive.join(','));
console.log(lazy.expensive.join(','));
