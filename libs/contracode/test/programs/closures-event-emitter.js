/* eslint-disable */
function createEmitter() {
  const listeners = {};
  return {
    on(event, fn) { (listeners[event] ||= []).push(fn); return () => { listeners[event] = listeners[event].filter((f) => f !== fn); }; },
    emit(event, ...args) { return (listeners[event] || []).map((fn) => fn(...args)); },
  };
}
const em = createEmitter();
const off = em.on('sum', (a, b) => a + b);
em.on('sum', (a, b) => a * b);
console.log(em.emit('sum', 3, 4));
off();
console.log(em.emit('sum', 3, 4), em.emit('none'));
