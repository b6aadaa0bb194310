import type { StoreDescriptor } from '../descriptor.js';

/** file:// URIs and plain paths: the local filesystem, rooted at '/'. */
export const localDescriptor: StoreDescriptor<'local'> = {
  scheme: 'file',
  optionsKey: 'local',
  optionsSchema: async () => {
    const { z } = await import('zod');
    return z.object({ fsync: z.boolean().optional() });
  },
  create: async (_parsed, options) => {
    const { LocalStore } = await import('./local-store.js');
    return new LocalStore('/', options);
  },
};
