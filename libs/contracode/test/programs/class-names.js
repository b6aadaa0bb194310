/* eslint-disable */
class Alpha {}
const Beta = class {};
const Gamma = class Named {};
const holder = { Delta: class {} };
function make() { return class {}; }
console.log(Alpha.name, Beta.name, Gamma.name, holder.Delta.name, JSON.stringify(make().name));
