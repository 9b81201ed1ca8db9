import type { Store } from '../store/index.js';
import type { CaseService } from '../workflow/cases/index.js';
import type { CorpusService } from '../workflow/corpus/index.js';
import type { Clock } from '../workflow/deadlines/index.js';
import type { CaseAssessment, CaseFile } from '../domain/index.js';
import type { JobPool } from '../workflow/jobs/index.js';
import type { UserService } from '../workflow/accounts/index.js';
import type { AppContext } from './context.js';
import type { LoginThrottle } from './middleware/rate-limit.js';

/** What the routes work with: the store and the workflow's services. Routes stay thin; the services hold the rules. */
export interface ApiServices {
  store: Store;
  /** Search and statistics of the published corpus. */
  corpus: CorpusService;
  cases: CaseService;
  users: UserService;
  /** The engine's drafting function, or null when none is plugged in; the default engine runs in the job pool, off the event loop. */
  assess: ((file: CaseFile) => Promise<CaseAssessment>) | null;
  throttle: LoginThrottle;
  /** The client's address, for login throttling. */
  clientAddress: (c: AppContext) => string;
  clock: Clock;
  /** Largest letter file an upload may be, in bytes. */
  maxUploadBytes: number;
  /** Worker threads for CPU-heavy work (parsing uploads, rendering PDFs), under time and memory limits. */
  jobs: JobPool;
  /** Session cookies with the Secure flag: always, never, or (undefined) when the request came over HTTPS. */
  secureCookies: boolean | undefined;
}
