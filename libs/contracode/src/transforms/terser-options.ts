import type { CompressOptions, MangleOptions } from 'terser';
import type { SourceType } from './types.js';

/**
 * Terser settings that keep behaviour: no `unsafe*`, no property mangling, and names the program
 * can observe stay (`f.name`, `C.name`, `f.length`). `typeofs` would turn `typeof x == "undefined"`
 * into `x === void 0`, which throws for an undeclared `x`; `arguments` would replace `arguments[i]`
 * with a parameter that strict code may have reassigned; `pure_getters` would drop reads of getters.
 */
export function safeCompressOptions(sourceType: SourceType, passes: number, source: string, printsErrorMessages: boolean): CompressOptions {
  // Terser drops unused arithmetic on primitives as pure, but mixing BigInt and number throws:
  // with BigInt in the program, expressions whose value is unused are kept.
  const mayMixBigInt = MAY_USE_BIGINT.test(source);
  // collapse_vars moves a read of `arguments` past an assignment to a parameter, which in sloppy
  // mode aliases it (`const args = [...arguments]; b = 1;` would see the new `b`).
  const readsArguments = /\barguments\b/.test(source);
  return {
    ...(mayMixBigInt ? { side_effects: false, unused: false } : {}),
    ...(readsArguments ? { collapse_vars: false } : {}),
    // Inlining a variable changes the text V8 quotes in `x is not a function`; a program that
    // prints error messages would print the inlined text instead.
    ...(printsErrorMessages ? { collapse_vars: false, reduce_vars: false } : {}),
    passes,
    module: sourceType === 'module',
    toplevel: false,
    keep_fnames: true,
    keep_classnames: true,
    keep_fargs: true,
    keep_infinity: true,
    typeofs: false,
    arguments: false,
    pure_getters: false,
    unsafe: false,
    unsafe_arrows: false,
    unsafe_comps: false,
    unsafe_Function: false,
    unsafe_math: false,
    unsafe_methods: false,
    unsafe_proto: false,
    unsafe_regexp: false,
    unsafe_symbols: false,
    unsafe_undefined: false,
  };
}

const MAY_USE_BIGINT = /\b(?:\d[\d_]*|0[xob][\da-f_]+)n\b|\bBigInt\b/i;

export function safeMangleOptions(sourceType: SourceType): MangleOptions {
  return { toplevel: false, module: sourceType === 'module', keep_fnames: true, keep_classnames: true, properties: false };
}
