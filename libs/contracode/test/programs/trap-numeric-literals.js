/* eslint-disable */
console.log(0xff, 0o17, 0b1010, 1_000_000, .5, 5., 1e-7, 1E3, 0.1e2, 9007199254740993, 123456789012345680000);
console.log(0.000001, 0.0000001, 1e21, 123e-20, 2e-7.toFixed(10), (25).toString(36), Number('1_000'));
