// Worker bootstrap when running from the TypeScript sources (tests, tsx):
// registers the TypeScript loader in this thread, then runs the worker. The
// compiled program (dist/) starts parse-worker.js directly (parse-pool.ts).
import { register } from 'tsx/esm/api';
register();
await import('./parse-worker.ts');
