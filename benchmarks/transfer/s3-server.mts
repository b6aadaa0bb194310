// Keeps one s3rver (the same child-process server the tests use) running for the benchmark.
// Prints the endpoint on stdout; stops the server on SIGTERM.
import { startS3Server } from '@strata/test-servers';

const directory = process.argv[2];
const server = await startS3Server({ buckets: ['bench'], ...(directory ? { directory } : {}) });
process.stdout.write(`${server.endpoint}\n`);
const stop = () => void server.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
setInterval(() => undefined, 60_000);
