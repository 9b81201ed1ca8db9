/**
 * Global setup of the `postgres` test project: one throwaway cluster for the
 * whole run (test/postgres.ts), torn down after the last test file. Each
 * test file makes its own databases in it (test/test-databases.ts).
 *
 * When the cluster cannot start (PostgreSQL not installed), the reason is
 * passed on instead, so that every PostgreSQL test fails with it rather
 * than being skipped or aborting the other engine's tests.
 */
import type { TestProject } from 'vitest/node';
import { startTestCluster } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's superuser URL, or why there is no cluster. */
    postgres: { url: string } | { error: string };
  }
}

export default function setup(project: TestProject): () => void {
  try {
    const cluster = startTestCluster();
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      cluster.stop();
    };
    // A run that ends without its teardown must not leave a server behind.
    process.once('exit', stop);
    project.provide('postgres', { url: cluster.adminUrl });
    return stop;
  } catch (err) {
    project.provide('postgres', { error: err instanceof Error ? err.message : String(err) });
    return () => undefined;
  }
}
