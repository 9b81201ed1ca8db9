import type { Context } from 'hono';
import type { User } from '../domain/index.js';

/** Who is making a request. */
export interface Principal {
  user: User;
  /** True for the stand-in public user of an anonymous request (when the server allows anonymous public access). */
  anonymous: boolean;
  /** Hash of the session token the request carried; null without a session. */
  tokenHash: string | null;
  /** The token the client must echo in X-CSRF-Token on state-changing requests; null without a session. */
  csrfToken: string | null;
  expiresAt: string | null;
}

/** Hono's environment for the API: what middleware puts on the context. */
export interface AppEnv {
  Variables: {
    principal: Principal | null;
  };
}

export type AppContext = Context<AppEnv>;
