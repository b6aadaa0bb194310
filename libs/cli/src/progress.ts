import cliProgress from 'cli-progress';

export interface Progress {
  increment(by?: number, payload?: Record<string, unknown>): void;
  update(value: number, payload?: Record<string, unknown>): void;
  setTotal(total: number): void;
  stop(): void;
}

const SILENT: Progress = {
  increment() {},
  update() {},
  setTotal() {},
  stop() {},
};

/**
 * A progress bar on stderr, shown only to a person at a terminal: never when --json is asked for,
 * never into a pipe or a CI log (where it would be noise).
 */
export function createProgress(
  total: number,
  options: {
    label: string;
    enabled?: boolean;
    format?: string;
    /** Values for the format's own `{tokens}`, so the first frame never shows a raw token. */
    payload?: Record<string, unknown>;
  },
): Progress {
  const enabled = options.enabled ?? (process.stderr.isTTY === true && process.env.CI === undefined);
  if (!enabled) return SILENT;
  const bar = new cliProgress.SingleBar(
    {
      format: options.format ?? `${options.label} [{bar}] {value}/{total} | {percentage}% | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, options.payload ?? {});
  return {
    increment: (by = 1, payload) => bar.increment(by, payload),
    update: (value, payload) => bar.update(value, payload),
    setTotal: (value) => bar.setTotal(value),
    stop: () => bar.stop(),
  };
}
