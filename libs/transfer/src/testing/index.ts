/**
 * `@strata/transfer/testing`: the ObjectStore conformance suite, for the tests of any package
 * that implements a store (jest globals). See conformance.ts.
 */
export {
  runStoreConformance,
  PLAIN_S3RVER_GAPS,
  readAll,
  md5Of,
  crc32cOf,
  type ConformanceFixture,
  type ConformanceOptions,
  type ServerGap,
} from './conformance.js';
