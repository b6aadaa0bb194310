// Object stores (engineer A): the contract, errors, URI parsing, backends.
export * from './stores/index.js';
