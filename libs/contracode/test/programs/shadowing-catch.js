/* eslint-disable */
let e = 'outer e';
try {
  null.prop;
} catch (e) {
  var fromCatch = e.constructor.name;
  e = 'reassigned';
}
try { throw new Error('second'); } catch ({ message }) { console.log(message); }
try { throw 1; } catch { console.log('no binding'); }
console.log(e, fromCatch);
