// Backend selection lives in @strata/tfjs (with the kernels wasm needs to train); re-exported so
// the training loop's imports stay as they were.
export { initBackend, BACKEND_CHOICES, type BackendChoice } from '@strata/tfjs';
