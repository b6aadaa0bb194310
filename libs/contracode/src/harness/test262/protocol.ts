import type { TransformName } from '../../transforms/types.js';

/** One test for a child: run it as written, then after each setting's transforms. */
export interface Test262Job {
  id: number;
  harness: string;
  /** The test as the transforms see it (`"use strict";` first for onlyStrict tests). */
  script: string;
  strict: boolean;
  async: boolean;
  settings: { label: string; transforms: TransformName[] | 'all'; seed: number }[];
  runTimeoutMs: number;
}

/**
 * `pass`/`fail`: the transformed test ran; `refused`: the transforms declined the program as a
 * whole (e.g. it reads its own source text), by design; `tool-error`: a transform threw, produced
 * code that does not parse, or rejected valid input; `not-applicable`: nothing to do (strip-types
 * on JavaScript).
 */
export type Verdict = 'pass' | 'fail' | 'refused' | 'tool-error' | 'not-applicable';

export interface SettingOutcome {
  setting: string;
  verdict: Verdict;
  /** The transforms changed the test's text. */
  changed: boolean;
  detail?: string;
  /** The transformed test, kept for failures and tool errors only. */
  code?: string;
}

export type Test262Message =
  | { id: number; kind: 'baseline'; passed: boolean; detail: string }
  | { id: number; kind: 'setting'; outcome: SettingOutcome }
  | { id: number; kind: 'done' };
