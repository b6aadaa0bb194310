import type { ConstraintSense, ObjectiveSense, VariableType } from './types.js';

export interface VariableOptions {
  name?: string;
  type?: VariableType;
  /** Lower bound, default 0 (−Infinity allowed). */
  lb?: number;
  /** Upper bound, default +Infinity (1 for binaries). */
  ub?: number;
  /** Objective coefficient, default 0. */
  objective?: number;
}

const SENSE_CODE: Record<ConstraintSense, number> = { '<=': 0, '>=': 1, '=': 2 };
const SENSES: readonly ConstraintSense[] = ['<=', '>=', '='];

/** A growable typed array: amortised O(1) push without boxing, so 10^6 nonzeros stay cheap. */
class GrowableArray<T extends Float64Array | Int32Array | Uint8Array> {
  private data: T;
  length = 0;
  constructor(private readonly make: (capacity: number) => T) {
    this.data = make(64);
  }
  /** Drops the last entries (used to compact a row after merging duplicates). */
  truncate(length: number): void {
    this.length = length;
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  get(index: number): number {
    return this.data[index] as number;
  }
  set(index: number, value: number): void {
    this.data[index] = value;
  }
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/**
 * A linear (mixed-integer) model: variables, sparse row-wise constraints, a linear objective.
 * Variables and constraints are identified by their insertion index. Names are optional: backends
 * generate safe names (x0, c0…) and keep user names only for diagnostics.
 */
export class Model {
  readonly name: string;
  sense: ObjectiveSense;
  objectiveConstant = 0;

  private readonly varLb = new GrowableArray((n) => new Float64Array(n));
  private readonly varUb = new GrowableArray((n) => new Float64Array(n));
  private readonly varObj = new GrowableArray((n) => new Float64Array(n));
  private readonly varType = new GrowableArray((n) => new Uint8Array(n));
  private readonly varNames: (string | undefined)[] = [];

  private readonly rowStart = new GrowableArray((n) => new Int32Array(n));
  private readonly rowSense = new GrowableArray((n) => new Uint8Array(n));
  private readonly rowRhs = new GrowableArray((n) => new Float64Array(n));
  private readonly rowNames: (string | undefined)[] = [];
  private readonly entryVar = new GrowableArray((n) => new Int32Array(n));
  private readonly entryCoef = new GrowableArray((n) => new Float64Array(n));
  /** Per variable: the last row it appeared in and where, so duplicate entries in a row merge in O(1). */
  private readonly lastRow = new GrowableArray((n) => new Int32Array(n));
  private readonly lastEntry = new GrowableArray((n) => new Int32Array(n));

  constructor(options: { name?: string; sense?: ObjectiveSense } = {}) {
    this.name = options.name ?? 'model';
    this.sense = options.sense ?? 'minimize';
    this.rowStart.push(0);
  }

  get numVariables(): number {
    return this.varLb.length;
  }
  get numConstraints(): number {
    return this.rowSense.length;
  }
  get numNonzeros(): number {
    return this.entryVar.length;
  }
  get hasIntegers(): boolean {
    const types = this.varType.view();
    for (let i = 0; i < types.length; i++) if (types[i] !== 0) return true;
    return false;
  }

  addVariable(options: VariableOptions = {}): number {
    const type = options.type ?? 'continuous';
    const lb = options.lb ?? 0;
    const ub = options.ub ?? (type === 'binary' ? 1 : Infinity);
    const label = options.name ?? this.numVariables;
    if (Number.isNaN(lb) || Number.isNaN(ub) || lb > ub || lb === Infinity || ub === -Infinity) {
      throw new Error(`variable ${label} has bounds [${lb}, ${ub}]: need lb ≤ ub, lb < +∞, ub > −∞`);
    }
    if (type === 'binary' && (lb > 1 || ub < 0)) {
      throw new Error(`binary variable ${label} has bounds [${lb}, ${ub}] outside [0, 1]`);
    }
    const objective = options.objective ?? 0;
    if (!Number.isFinite(objective)) throw new Error(`variable ${label}: objective coefficient ${objective} is not finite`);
    const index = this.numVariables;
    this.varLb.push(type === 'binary' ? Math.max(0, lb) : lb);
    this.varUb.push(type === 'binary' ? Math.min(1, ub) : ub);
    this.varObj.push(objective);
    this.varType.push(type === 'continuous' ? 0 : type === 'binary' ? 1 : 2);
    this.varNames.push(options.name);
    this.lastRow.push(-1);
    this.lastEntry.push(0);
    return index;
  }

  /** Adds `count` variables with the same options; returns the index of the first. */
  addVariables(count: number, options: Omit<VariableOptions, 'name'> = {}): number {
    const first = this.numVariables;
    for (let i = 0; i < count; i++) this.addVariable(options);
    return first;
  }

  /**
   * Adds Σ coefs[j]·x[vars[j]] (sense) rhs; returns the constraint index. Repeated variables are
   * summed and zero coefficients dropped (backends reject duplicate entries in a row).
   */
  addConstraint(
    vars: ArrayLike<number>,
    coefs: ArrayLike<number>,
    sense: ConstraintSense,
    rhs: number,
    name?: string,
  ): number {
    if (vars.length !== coefs.length) throw new Error('addConstraint: vars and coefs differ in length');
    if (!Number.isFinite(rhs)) throw new Error(`constraint ${name ?? this.numConstraints}: rhs must be finite`);
    if (!Object.hasOwn(SENSE_CODE, sense)) throw new Error(`constraint ${name ?? this.numConstraints}: unknown sense '${sense}'`);
    const n = this.numVariables;
    const row = this.numConstraints;
    const start = this.entryVar.length;
    // Validate everything first so a rejected row leaves the model untouched.
    for (let j = 0; j < vars.length; j++) {
      const v = vars[j] as number;
      const c = coefs[j] as number;
      if (!(v >= 0 && v < n) || !Number.isInteger(v)) {
        throw new Error(`constraint ${name ?? row}: unknown variable index ${v}`);
      }
      if (!Number.isFinite(c)) throw new Error(`constraint ${name ?? row}: coefficient ${c} of variable ${v} is not finite`);
    }
    for (let j = 0; j < vars.length; j++) {
      const v = vars[j] as number;
      const c = coefs[j] as number;
      if (c === 0) continue;
      if (this.lastRow.get(v) === row) {
        const at = this.lastEntry.get(v);
        this.entryCoef.set(at, this.entryCoef.get(at) + c);
        continue;
      }
      this.lastRow.set(v, row);
      this.lastEntry.set(v, this.entryVar.length);
      this.entryVar.push(v);
      this.entryCoef.push(c);
    }
    this.dropCancelledEntries(start);
    this.rowStart.push(this.entryVar.length);
    this.rowSense.push(SENSE_CODE[sense]);
    this.rowRhs.push(rhs);
    this.rowNames.push(name);
    return this.numConstraints - 1;
  }

  /** Compacts entries from `start` on whose merged coefficient summed to zero. */
  private dropCancelledEntries(start: number): void {
    let write = start;
    for (let k = start; k < this.entryVar.length; k++) {
      const c = this.entryCoef.get(k);
      if (c === 0) continue;
      if (write !== k) {
        this.entryVar.set(write, this.entryVar.get(k));
        this.entryCoef.set(write, c);
      }
      write++;
    }
    this.entryVar.truncate(write);
    this.entryCoef.truncate(write);
  }

  setObjectiveCoefficient(variable: number, coefficient: number): void {
    if (!(variable >= 0 && variable < this.numVariables) || !Number.isInteger(variable)) {
      throw new Error(`setObjectiveCoefficient: unknown variable index ${variable}`);
    }
    if (!Number.isFinite(coefficient)) {
      throw new Error(`setObjectiveCoefficient: coefficient ${coefficient} of variable ${variable} is not finite`);
    }
    this.varObj.set(variable, coefficient);
  }

  variableName(index: number): string | undefined {
    return this.varNames[index];
  }
  constraintName(index: number): string | undefined {
    return this.rowNames[index];
  }
  variableType(index: number): VariableType {
    const code = this.varType.get(index);
    return code === 0 ? 'continuous' : code === 1 ? 'binary' : 'integer';
  }
  constraintSense(index: number): ConstraintSense {
    return SENSES[this.rowSense.get(index)] as ConstraintSense;
  }

  /** Read-only column and row arrays for backends (views into the model: do not mutate). */
  arrays() {
    return {
      lb: this.varLb.view(),
      ub: this.varUb.view(),
      objective: this.varObj.view(),
      /** 0 continuous, 1 binary, 2 integer. */
      type: this.varType.view(),
      rowStart: this.rowStart.view(),
      /** 0 ≤, 1 ≥, 2 =. */
      rowSense: this.rowSense.view(),
      rowRhs: this.rowRhs.view(),
      entryVar: this.entryVar.view(),
      entryCoef: this.entryCoef.view(),
    };
  }

  /** Objective value of an assignment (including the constant), for checks and incumbents. */
  evaluate(values: ArrayLike<number>): number {
    const obj = this.varObj.view();
    let total = this.objectiveConstant;
    for (let i = 0; i < obj.length; i++) total += (obj[i] as number) * (values[i] as number);
    return total;
  }
}
