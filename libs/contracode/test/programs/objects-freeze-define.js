/* eslint-disable */
'use strict';
const frozen = Object.freeze({ a: 1, nested: { b: 2 } });
try { frozen.a = 2; } catch (e) { console.log(e.name); }
frozen.nested.b = 3;
const sealed = Object.seal({ x: 1 });
sealed.x = 5;
try { sealed.y = 1; } catch (e) { console.log(e.name); }
console.log(frozen.a, frozen.nested.b, sealed.x, Object.isFrozen(frozen), Object.isSealed(sealed), Object.isExtensible(sealed));
const described = Object.getOwnPropertyDescriptors({ get g() { return 1; }, v: 2 });
console.log(Object.keys(described.g).join(), described.v.writable);
