import type { StoreDescriptor } from '../descriptor.js';
import { bucketUris } from '../uri-forms.js';

/** gs://bucket/key: Google Cloud Storage, or an emulator (STORAGE_EMULATOR_HOST). */
export const gcsDescriptor: StoreDescriptor<'gcs'> = {
  scheme: 'gs',
  uri: bucketUris,
  alsoWrittenAs: ['gcs'],
  optionsKey: 'gcs',
  optionsSchema: async () => {
    const { z } = await import('zod');
    return z.object({
      apiEndpoint: z.string().url().optional(),
      projectId: z.string().optional(),
      keyFilename: z.string().optional(),
      resumableThreshold: z.number().int().nonnegative().optional(),
      autoRetry: z.boolean().optional(),
    });
  },
  create: async (parsed, options) => {
    const { GcsStore } = await import('./gcs-store.js');
    return new GcsStore(parsed.bucket, options);
  },
};
