// npm run bench: every benchmark, printing figures (never pass/fail on time).
import { benchHttpMe } from './http-me.js';
import { benchStartup } from './startup.js';

console.log(`mide benchmarks - ${new Date().toISOString()} - Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
await benchStartup();
await benchHttpMe();
