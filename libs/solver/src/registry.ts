import { FailureError, UsageError } from '@strata/cli';
import type { SolverBackend } from './backend.js';
import type { BackendName } from './types.js';

/** The chosen backend and, when preferred ones failed to load, why they were skipped. */
export interface ResolvedBackend {
  backend: SolverBackend;
  skipped: string[];
}

/** Backends by name, tried in descending priority order. */
export class BackendRegistry {
  private readonly backends = new Map<BackendName, SolverBackend>();

  register(backend: SolverBackend): void {
    if (this.backends.has(backend.name)) throw new Error(`solver backend '${backend.name}' is already registered`);
    this.backends.set(backend.name, backend);
  }

  unregister(name: BackendName): boolean {
    return this.backends.delete(name);
  }

  get(name: BackendName): SolverBackend | undefined {
    return this.backends.get(name);
  }

  /** Registered backends, highest priority first. */
  list(): SolverBackend[] {
    return [...this.backends.values()].sort((a, b) => b.priority - a.priority);
  }

  /** Names of the backends that load on this machine, in priority order. */
  async available(): Promise<BackendName[]> {
    const names: BackendName[] = [];
    for (const backend of this.list()) if (await backend.load()) names.push(backend.name);
    return names;
  }

  /**
   * The forced backend, or the first that loads. A forced backend that does not exist is a usage
   * error; one that cannot load, or no loadable backend at all, is a failure.
   */
  async resolve(forced?: BackendName): Promise<ResolvedBackend> {
    if (forced !== undefined) {
      const backend = this.backends.get(forced);
      if (!backend) {
        throw new UsageError(`unknown solver backend '${forced}': use one of ${this.names().join(', ')}`);
      }
      if (!(await backend.load())) {
        throw new FailureError(`solver backend '${forced}' failed to load: ${backend.loadError() ?? 'unknown reason'}`);
      }
      return { backend, skipped: [] };
    }
    const skipped: string[] = [];
    for (const backend of this.list()) {
      if (await backend.load()) return { backend, skipped };
      skipped.push(`${backend.name} failed to load (${backend.loadError() ?? 'unknown reason'})`);
    }
    throw new FailureError(`no solver backend could be loaded: ${skipped.join('; ') || 'none registered'}`);
  }

  private names(): string[] {
    return this.list().map((b) => b.name);
  }
}
