import type { StoreDescriptor } from '../descriptor.js';
import { bucketUris } from '../uri-forms.js';

/** s3://bucket/key: AWS S3 or any S3-compatible endpoint. */
export const s3Descriptor: StoreDescriptor<'s3'> = {
  scheme: 's3',
  uri: bucketUris,
  optionsKey: 's3',
  optionsSchema: async () => {
    const { z } = await import('zod');
    return z.object({
      endpoint: z.string().url().optional(),
      region: z.string().min(1).optional(),
      forcePathStyle: z.boolean().optional(),
      credentials: z
        .object({
          accessKeyId: z.string(),
          secretAccessKey: z.string(),
          sessionToken: z.string().optional(),
        })
        .optional(),
      maxAttempts: z.number().int().positive().optional(),
    });
  },
  create: async (parsed, options) => {
    const { S3Store } = await import('./s3-store.js');
    return new S3Store(parsed.bucket, options);
  },
};
