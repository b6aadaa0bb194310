/* eslint-disable */
const bytes = new Uint8Array([250, 255, 256, -1]);
const view = new DataView(new ArrayBuffer(8));
view.setFloat64(0, Math.PI);
const f32 = new Float32Array([0.1]);
console.log(Array.from(bytes).join(), view.getUint8(0), view.getFloat64(0) === Math.PI, f32[0], new Int16Array([40000])[0]);
console.log(Uint8Array.from('123', Number).map((x) => x * 100).join(), new Uint8ClampedArray([300, -5])[0]);
