// Worker bootstrap: registers the TypeScript loader in this thread, then runs the sandbox operations.
import { register } from 'tsx/esm/api';
register();
await import('./sandbox-ops.ts');
