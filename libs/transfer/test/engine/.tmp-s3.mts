import { startS3Server } from '@strata/test-servers';
const s = await startS3Server({ buckets: ['bucket'], port: Number(process.argv[2] ?? 0) });
console.log(s.endpoint, s.pid);
setInterval(() => {}, 1000);
