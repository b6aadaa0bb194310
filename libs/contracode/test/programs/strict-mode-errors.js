/* eslint-disable */
'use strict';
const results = [];
try { undeclaredVariable = 1; } catch (e) { results.push(e.name); }
try { Object.defineProperty({}, 'x', { value: 1 }).x = 2; } catch (e) { results.push(e.name); }
try { delete Object.prototype; } catch (e) { results.push(e.name); }
try { (function () { return this; })().x = 1; } catch (e) { results.push(e.name); }
console.log(results.join(','));
