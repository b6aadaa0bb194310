/* eslint-disable */
const order = [];
setTimeout(() => order.push('timeout'), 0);
Promise.resolve().then(() => order.push('micro1')).then(() => order.push('micro2'));
queueMicrotask(() => order.push('queueMicrotask'));
process.nextTick(() => order.push('nextTick'));
(async () => { order.push('async start'); await null; order.push('after await'); })();
order.push('sync');
setTimeout(() => console.log(order.join(', ')), 5);
