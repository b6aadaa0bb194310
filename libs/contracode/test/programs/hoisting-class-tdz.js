/* eslint-disable */
let message;
try {
  new Later();
} catch (e) {
  message = e instanceof ReferenceError;
}
class Later { constructor() { this.ok = true; } }
console.log(message, new Later().ok);
