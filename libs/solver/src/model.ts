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
    if (Number.isNaN(lb) || Number.isNaN(ub) || lb > ub) {
      throw new Error(`variable ${options.name ?? this.numVariables} has bounds [${lb}, ${ub}]: lb must be ≤ ub`);
    }
    const index = this.numVariables;
    this.varLb.push(type === 'binary' ? Math.max(0, lb) : lb);
    this.varUb.push(type === 'binary' ? Math.min(1, ub) : ub);
    this.varObj.push(options.objective ?? 0);
    this.varType.push(type === 'continuous' ? 0 : type === 'binary' ? 1 : 2);
    this.varNames.push(options.name);
    return index;
  }

  /** Adds `count` variables with the same options; returns the index of the first. */
  addVariables(count: number, options: Omit<VariableOptions, 'name'> = {}): number {
    const first = this.numVariables;
    for (let i = 0; i < count; i++) this.addVariable(options);
    return first;
  }

  /** Adds Σ coefs[j]·x[vars[j]] (sense) rhs; returns the constraint index. Zero coefficients are dropped. */
  addConstraint(
    vars: ArrayLike<number>,
    coefs: ArrayLike<number>,
    sense: ConstraintSense,
    rhs: number,
    name?: string,
  ): number {
    if (vars.length !== coefs.length) throw new Error('addConstraint: vars and coefs differ in length');
    if (!Number.isFinite(rhs)) throw new Error(`constraint ${name ?? this.numConstraints}: rhs must be finite`);
    const n = this.numVariables;
    for (let j = 0; j < vars.length; j++) {
      const v = vars[j] as number;
      const c = coefs[j] as number;
      if (!(v >= 0 && v < n) || !Number.isInteger(v)) {
        throw new Error(`constraint ${name ?? this.numConstraints}: unknown variable index ${v}`);
      }
      if (!Number.isFinite(c)) throw new Error(`constraint ${name ?? this.numConstraints}: coefficient ${c} is not finite`);
      if (c === 0) continue;
      this.entryVar.push(v);
      this.entryCoef.push(c);
    }
    this.rowStart.push(this.entryVar.length);
    this.rowSense.push(SENSE_CODE[sense]);
    this.rowRhs.push(rhs);
    this.rowNames.push(name);
    return this.numConstraints - 1;
  }

  setObjectiveCoefficient(variable: number, coefficient: number): void {
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
