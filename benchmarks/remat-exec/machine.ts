import { cpus, freemem, loadavg, totalmem } from 'node:os';

/** The machine line every results file starts with: cores, memory, load at the moment. */
export function machineLine(): string {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
  return `${cpus()[0]?.model ?? 'cpu'}, ${cpus().length} cores, ${gib(totalmem())} (${gib(freemem())} free), Node ${process.version}; load average ${load} (machine shared with other sessions)`;
}

export function loadNow(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join('/');
}
