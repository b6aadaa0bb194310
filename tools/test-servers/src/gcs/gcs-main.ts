/** Child-process entry: the GCS JSON-API test server on 127.0.0.1. Started by startGcsServer. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceReady, parseServerArgs } from '../child-server.js';
import { GcsData } from './gcs-data.js';
import { createGcsHandler } from './gcs-handler.js';

const { port, directory, buckets } = parseServerArgs(process.argv.slice(2));
const data = await GcsData.open(directory);
for (const bucket of buckets) if (!data.bucket(bucket)) await data.createBucket(bucket);
const server = createServer(createGcsHandler(data));
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
announceReady((server.address() as AddressInfo).port, async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
