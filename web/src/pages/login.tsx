import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { changePassword, login } from '../api/endpoints.js';
import type { Session } from '../api/types.js';
import { Field } from '../components/forms.js';

/** Sign-in. A wrong password and an unknown user get the same answer, as from the server. */
export function LoginPage(props: { onSignedIn: (s: Session) => void; notice?: string | null }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [publicSearch, setPublicSearch] = useState(false);
  useEffect(() => {
    // The public decision search is offered only when this server answers it without a session (--public).
    fetch('/api/corpus/search?limit=1', { credentials: 'omit', headers: { accept: 'application/json' } }).then(
      (r) => setPublicSearch(r.ok),
      () => undefined,
    );
  }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await login(username, password));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong username or password.' : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="login-wrap">
      <form class="card login" onSubmit={submit} aria-labelledby="login-title">
        <div class="login-brand">
          <span class="brand-mark" aria-hidden="true">
            IMR
          </span>
          <div>
            <h1 id="login-title">OpenIMR</h1>
            <p class="muted">Independent Medical Review · California workers' compensation</p>
          </div>
        </div>
        {props.notice && !error && (
          <div class="banner banner-info" role="status">
            {props.notice}
          </div>
        )}
        {error && (
          <div class="banner banner-error" role="alert">
            {error}
          </div>
        )}
        <Field label="Username" id="username">
          <input id="username" name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </Field>
        <Field label="Password" id="password">
          <input id="password" name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </Field>
        <button class="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {publicSearch && (
          <p class="login-public">
            <a href="/decisions">Search published decisions without signing in</a>
          </p>
        )}
      </form>
    </div>
  );
}

/** A password someone else chose (first run, or set by an admin) must be replaced first. */
export function ChangePasswordPage(props: { onChanged: (s: Session) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<ApiError | Error | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      props.onChanged(await changePassword(current, next));
    } catch (err) {
      setError(err as Error);
    }
  };
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div class="login-wrap">
      <form class="card login" onSubmit={submit}>
        <h1>Choose your password</h1>
        <p class="muted">The password you signed in with was set for you. Choose your own (at least 12 characters) to go on.</p>
        {error && !issues.length && (
          <div class="banner banner-error" role="alert">
            {error.message}
          </div>
        )}
        <Field label="Current password" id="current" errors={issues.filter((i) => i.path[0] === 'currentPassword').map((i) => i.message)}>
          <input id="current" type="password" autocomplete="current-password" required value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </Field>
        <Field label="New password" id="new" errors={issues.filter((i) => i.path[0] === 'newPassword').map((i) => i.message)}>
          <input id="new" type="password" autocomplete="new-password" required minLength={12} value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        </Field>
        <button class="btn btn-primary btn-block" type="submit">
          Save and continue
        </button>
      </form>
    </div>
  );
}
