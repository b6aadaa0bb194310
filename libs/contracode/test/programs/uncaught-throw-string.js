/* eslint-disable */
console.log('before');
setTimeout(() => { throw 'a plain string'; }, 1);
