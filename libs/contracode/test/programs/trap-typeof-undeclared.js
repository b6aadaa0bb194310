/* eslint-disable */
console.log(typeof notDeclaredAnywhere, typeof notDeclaredAnywhere === 'undefined');
if (typeof someGlobalFlag == 'undefined') console.log('flag missing');
try { notDeclaredAnywhere; } catch (e) { console.log(e.name); }
const probe = () => typeof window !== 'undefined' ? 'browser' : typeof process !== 'undefined' ? 'node' : 'unknown';
console.log(probe());
