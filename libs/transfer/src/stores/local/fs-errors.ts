import {
  AuthError,
  BadRequestError,
  NoSpaceError,
  NotFoundError,
  type StoreError,
  TransientError,
} from '../errors.js';

/** Classifies a filesystem error once, at the backend boundary; non-fs errors pass through. */
export function classifyFsError(error: unknown, what: string): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string') return error;
  const message = `${what}: ${code}`;
  const byCode: Record<string, (m: string, o: { cause: unknown }) => StoreError> = {
    ENOENT: (m, o) => new NotFoundError(m, o),
    EACCES: (m, o) => new AuthError(m, o),
    EPERM: (m, o) => new AuthError(m, o),
    EROFS: (m, o) => new AuthError(m, o),
    EISDIR: (m, o) => new BadRequestError(m, o),
    ENOTDIR: (m, o) => new BadRequestError(m, o),
    EEXIST: (m, o) => new BadRequestError(m, o),
    ENAMETOOLONG: (m, o) => new BadRequestError(m, o),
    ENOSPC: (_m, o) =>
      new NoSpaceError(
        `${what}: ENOSPC (no space left on the device): free space or choose another destination`,
        o,
      ),
    EMFILE: (m, o) => new TransientError(m, o),
    ENFILE: (m, o) => new TransientError(m, o),
    EAGAIN: (m, o) => new TransientError(m, o),
    EBUSY: (m, o) => new TransientError(m, o),
  };
  const make = byCode[code];
  return make ? make(message, { cause: error }) : error;
}
