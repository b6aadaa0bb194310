/* eslint-disable */
const arrow = () => {};
let assigned;
assigned = function () {};
const { withDefault = () => {} } = {};
function declared() {}
const obj = { method() {}, prop: () => {}, ['comp' + 'uted']: function () {} };
const klass = class {};
const bound = declared.bind(null);
console.log([arrow, assigned, withDefault, declared, obj.method, obj.prop, obj.computed, klass, bound].map((f) => f.name).join(','));
