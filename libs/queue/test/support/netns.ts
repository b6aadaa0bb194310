import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function ip(...args: string[]): Promise<void> {
  await run('ip', args);
}

/** A host of the testbed: its namespace and the address other hosts reach it at. */
export interface Host {
  readonly namespace: string;
  /** Prefix for a command run on this host. */
  readonly exec: string[];
}

export interface Testbed {
  /** The hub: Redis, the job store's writer and the producer run here. */
  readonly hub: Host;
  readonly workers: readonly Host[];
  /** The hub's address as seen from worker `index` (each link is its own /30). */
  hubAddress(index: number): string;
  destroy(): Promise<void>;
}

/**
 * Whether this process may create network namespaces (root with CAP_NET_ADMIN); tests that need
 * them skip with one line when not.
 */
export async function namespacesPermitted(): Promise<boolean> {
  const probe = `strq-probe-${process.pid}`;
  try {
    await ip('netns', 'add', probe);
    await ip('netns', 'delete', probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * A star of hosts on one machine: a hub namespace and `workers` worker namespaces, each worker
 * joined to the hub by a veth pair in its own private /30 (10.<base>.<k>.1 hub side, .2 worker
 * side). Traffic stays inside these namespaces; nothing touches the machine's own interfaces.
 */
export async function createTestbed(workers: number): Promise<Testbed> {
  const tag = `${process.pid % 100000}`;
  const base = 200 + (process.pid % 50);
  const hub: Host = { namespace: `strq${tag}h`, exec: ['ip', 'netns', 'exec', `strq${tag}h`] };
  const hosts: Host[] = [];
  const created: string[] = [];
  const destroy = async (): Promise<void> => {
    for (const namespace of created.reverse()) await ip('netns', 'delete', namespace).catch(() => undefined);
  };
  try {
    await ip('netns', 'add', hub.namespace);
    created.push(hub.namespace);
    await ip('-n', hub.namespace, 'link', 'set', 'lo', 'up');
    for (let index = 0; index < workers; index += 1) {
      const namespace = `strq${tag}w${index}`;
      await ip('netns', 'add', namespace);
      created.push(namespace);
      await ip('-n', namespace, 'link', 'set', 'lo', 'up');
      // Created inside the hub namespace, one end then moved: never in the machine's namespace.
      const hubSide = `sqh${index}`;
      const workerSide = `sqw${index}`;
      await ip('-n', hub.namespace, 'link', 'add', hubSide, 'type', 'veth', 'peer', 'name', workerSide);
      await ip('-n', hub.namespace, 'link', 'set', workerSide, 'netns', namespace);
      await ip('-n', hub.namespace, 'addr', 'add', `10.${base}.${index}.1/30`, 'dev', hubSide);
      await ip('-n', namespace, 'addr', 'add', `10.${base}.${index}.2/30`, 'dev', workerSide);
      await ip('-n', hub.namespace, 'link', 'set', hubSide, 'up');
      await ip('-n', namespace, 'link', 'set', workerSide, 'up');
      hosts.push({ namespace, exec: ['ip', 'netns', 'exec', namespace] });
    }
  } catch (error) {
    await destroy();
    throw error;
  }
  return { hub, workers: hosts, hubAddress: (index) => `10.${base}.${index}.1`, destroy };
}
