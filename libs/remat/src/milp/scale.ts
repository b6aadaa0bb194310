/**
 * GCD scaling of memory sizes and compute costs before solving (Checkmate's `ram_gcd` / `cpu_gcd`):
 * dividing every coefficient by a common divisor keeps the optimum and shrinks the numbers the solver
 * sees (byte sizes of 10^9 become small integers).
 */

/** Largest decimal shift tried to make non-integer values integral (costs like 1.25 → 125). */
const MAX_DECIMALS = 6;
/** Largest integer a float64 holds exactly: beyond it the integer gcd is meaningless. */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;
/**
 * Largest shifted value for a decimal shift: above 2^52 every float is an integer, so a shift could
 * "make" any float integral; below 2^40 a fraction is still visible to 2^−12.
 */
const MAX_SHIFTED = 2 ** 40;

function integerGcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Absolute, not relative: a relative tolerance would call 3141592653.59 an integer. */
function isNearInteger(value: number): boolean {
  return Math.abs(value - Math.round(value)) <= 1e-7;
}

export interface Scale {
  /** Model coefficient = original value / divisor. */
  readonly divisor: number;
  /** True when every value is an integer multiple of `divisor` (so scaled values are integers). */
  readonly integral: boolean;
}

/**
 * The common divisor for a list of non-negative values.
 * - Integers: their gcd (zeros ignored; all zero → 1), as Checkmate does.
 * - Decimals with at most 6 places: the gcd of the values times 10^d, divided by 10^d.
 * - Otherwise (arbitrary floats): no exact common divisor exists; divide by a power of two that
 *   puts the largest value in [2^20, 2^21), which is exact in floating point and keeps the
 *   coefficients in a range solvers handle well. `integral` is then false.
 */
export function commonScale(values: ArrayLike<number>): Scale {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i] as number));
  if (max === 0) return { divisor: 1, integral: true };
  for (let decimals = 0; decimals <= MAX_DECIMALS; decimals++) {
    const factor = 10 ** decimals;
    if (max * factor > (decimals === 0 ? MAX_EXACT : MAX_SHIFTED)) break;
    let gcd = 0;
    let ok = true;
    for (let i = 0; i < values.length && ok; i++) {
      const shifted = Math.abs(values[i] as number) * factor;
      if (!isNearInteger(shifted)) ok = false;
      else gcd = integerGcd(Math.round(shifted), gcd);
    }
    if (ok) return { divisor: gcd / factor, integral: true };
  }
  return { divisor: 2 ** (Math.floor(Math.log2(max)) - 20), integral: false };
}

/**
 * Power-of-two exponent k that brings the largest gcd-scaled memory size to at most 2^10 units.
 * Byte sizes stay large after the gcd (VGG16: 3.2·10^6 units of 1 KiB), and HiGHS solves the same
 * model about twice as fast once they are near 10^3 (VGG16 at 70%: 15 s → 6 s under load). Dividing
 * by a power of two is exact in floating point; k ≤ 16 keeps one gcd unit (2^−k model units) far
 * above solver feasibility tolerances (~1e-7), so no integral plan over the budget can slip through.
 */
export function conditioningShift(maxScaledValue: number): number {
  if (!(maxScaledValue > TARGET_MAX)) return 0;
  return Math.min(MAX_SHIFT, Math.ceil(Math.log2(maxScaledValue / TARGET_MAX)));
}

const TARGET_MAX = 2 ** 10;
const MAX_SHIFT = 16;

/**
 * The budget in model units (memory divided by the gcd, then by 2^shift). With integral memory
 * scaling every U[t,k] is a whole number of gcd units, so U ≤ B/g ⇔ U ≤ ⌊B/g⌋: the same feasible set
 * as Checkmate's ram_gcd(budget), which folds the budget into the gcd and so often collapses the
 * divisor to 1 (and the coefficients back to raw bytes). Without a common divisor the budget loses a
 * guard band of BUDGET_GUARD model units (far below a byte for real graphs) so that solver
 * tolerances never let a plan overshoot in the simulator's exact arithmetic.
 */
export function scaledBudget(budgetBytes: number, memory: Scale, shift = 0): number {
  const exact = budgetBytes / memory.divisor;
  if (memory.integral) return Math.floor(exact + 1e-9) / 2 ** shift;
  return Math.max(0, exact / 2 ** shift - BUDGET_GUARD);
}

/** Model units given up for the guard band when memory sizes have no common divisor. */
export const BUDGET_GUARD = 1e-4;
