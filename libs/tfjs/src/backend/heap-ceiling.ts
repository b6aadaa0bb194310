/**
 * The wasm backend's heap limit: emscripten's getHeapMax() in tfjs-backend-wasm 4.22's three
 * builds is 4294901760 bytes (4 GiB − 64 KiB). Past it, growth fails and kernels abort or write
 * out of bounds instead of throwing, so callers refuse a step that could reach it.
 */
export const WASM_HEAP_CEILING_BYTES = 4_294_901_760;

/** The most bytes a backend can hold, or null when only the machine's memory limits it. */
export function heapCeiling(backend: string): number | null {
  return backend === 'wasm' ? WASM_HEAP_CEILING_BYTES : null;
}
