import type { StoreDescriptor } from '../descriptor.js';
import { fileUris } from '../uri-forms.js';

/** file:// URIs and plain paths: the local filesystem, rooted at '/'. */
export const localDescriptor: StoreDescriptor<'local'> = {
  scheme: 'file',
  uri: fileUris,
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
