import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';
import { createUser, listUsers, resetPassword, updateUser } from '../api/endpoints.js';
import type { Role, User } from '../api/types.js';
import { ErrorBanner, Field, issuesAt, Loading } from '../components/forms.js';
import { useAsync } from '../components/use-async.js';
import { formatDate } from '../labels.js';

/** The roles an admin may give, with how they are shown. */
export const ROLE_NAMES: Record<Role, string> = { admin: 'Administrator', coordinator: 'Coordinator', reviewer: 'Expert reviewer', analyst: 'Analyst', public: 'Public' };
const ROLES = Object.keys(ROLE_NAMES) as Role[];

/** User administration: who may sign in, as what; disabling, roles and password resets. */
export function UsersPage() {
  const users = useAsync(listUsers, []);
  const [error, setError] = useState<Error | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setError(null);
    setNotice(message);
    users.reload();
  };
  const fail = (e: unknown) => {
    setNotice(null);
    setError(e instanceof Error ? e : new Error(String(e)));
  };
  return (
    <div class="page" data-page="users">
      <div class="page-head">
        <h1>Users</h1>
        <p class="muted">Who may sign in, and as what. A changed role, a disabled account or a reset password ends that user's sessions; every change is in the audit trail.</p>
      </div>
      <ErrorBanner error={error} />
      {notice && (
        <p class="banner banner-ok" role="status">
          {notice}
        </p>
      )}
      <NewUserForm onCreated={(u) => done(`User ${u.username} created; they choose their own password at first sign-in.`)} />
      {users.loading && !users.data && <Loading what="users" />}
      <ErrorBanner error={users.error} />
      {users.data && (
        <div class="card table-wrap">
          <table class="table users" aria-label="Users">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Since</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <UserRow key={u.id} user={u} onDone={done} onError={fail} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function UserRow(props: { user: User; onDone: (message: string) => void; onError: (e: unknown) => void }) {
  const u = props.user;
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState('');
  const act = (p: Promise<User>, message: string) => p.then(() => props.onDone(message), props.onError);
  const id = `user-${u.id}`;
  return (
    <tr data-user={u.username} class={u.disabled ? 'dim-row' : ''}>
      <td>
        <strong>{u.username}</strong>
      </td>
      <td>
        {u.displayName}
        {u.reviewerId && <div class="muted small">reviewer {u.reviewerId}</div>}
      </td>
      <td>
        <label class="sr-only" for={`${id}-role`}>
          Role of {u.username}
        </label>
        <select id={`${id}-role`} value={u.role} onChange={(e) => act(updateUser(u.id, u.version, { role: e.currentTarget.value as Role }), `${u.username} is now ${ROLE_NAMES[e.currentTarget.value as Role]}.`)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_NAMES[r]}
            </option>
          ))}
        </select>
      </td>
      <td>
        {u.disabled ? <span class="badge muted">Disabled</span> : <span class="badge urgent-ok">Active</span>}
        {u.mustChangePassword && <div class="muted small">must choose a password</div>}
      </td>
      <td>{formatDate(u.createdAt)}</td>
      <td>
        <div class="actions">
          <button type="button" class="btn btn-small" aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`} onClick={() => act(updateUser(u.id, u.version, { disabled: !u.disabled }), `${u.username} ${u.disabled ? 'enabled' : 'disabled'}.`)}>
            {u.disabled ? 'Enable' : 'Disable'}
          </button>
          <button type="button" class="btn btn-small" aria-expanded={resetting} aria-label={`Reset password of ${u.username}`} onClick={() => setResetting(!resetting)}>
            Reset password
          </button>
        </div>
        {resetting && (
          <form
            class="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              act(resetPassword(u.id, password), `New password set for ${u.username}; they must change it at their next sign-in.`).then(() => {
                setPassword('');
                setResetting(false);
              });
            }}
          >
            <label for={`${id}-pw`}>New password for {u.username}</label>
            <input id={`${id}-pw`} type="password" autoComplete="new-password" required minLength={12} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
            <button type="submit" class="btn btn-small btn-primary">
              Set password
            </button>
          </form>
        )}
      </td>
    </tr>
  );
}

function NewUserForm(props: { onCreated: (u: User) => void }) {
  const [f, setF] = useState({ username: '', displayName: '', role: 'coordinator' as Role, reviewerId: '', password: '' });
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = error instanceof ApiError ? error.issues : [];
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const u = await createUser({ username: f.username, role: f.role, password: f.password, ...(f.displayName ? { displayName: f.displayName } : {}), ...(f.role === 'reviewer' && f.reviewerId ? { reviewerId: f.reviewerId } : {}) });
      setF({ username: '', displayName: '', role: f.role, reviewerId: '', password: '' });
      setError(null);
      props.onCreated(u);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="card">
      <summary>
        <h2 class="inline">Add a user</h2>
      </summary>
      <form onSubmit={submit} class="grid-3 form-top">
        <Field label="Username" id="nu-username" errors={issuesAt(issues, 'username')}>
          <input id="nu-username" required value={f.username} onInput={set('username')} autoComplete="off" />
        </Field>
        <Field label="Full name" id="nu-name" errors={issuesAt(issues, 'displayName')}>
          <input id="nu-name" value={f.displayName} onInput={set('displayName')} />
        </Field>
        <Field label="Role" id="nu-role" errors={issuesAt(issues, 'role')}>
          <select id="nu-role" value={f.role} onChange={set('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_NAMES[r]}
              </option>
            ))}
          </select>
        </Field>
        {f.role === 'reviewer' && (
          <Field label="Reviewer registry id" id="nu-reviewer" hint="The registry entry this reviewer acts as (R-0042)" errors={issuesAt(issues, 'reviewerId')}>
            <input id="nu-reviewer" required value={f.reviewerId} onInput={set('reviewerId')} />
          </Field>
        )}
        <Field label="First password" id="nu-password" hint="At least 12 characters; they must change it at first sign-in" errors={issuesAt(issues, 'password')}>
          <input id="nu-password" type="password" autoComplete="new-password" required value={f.password} onInput={set('password')} />
        </Field>
        <div class="field field-button">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            Create user
          </button>
        </div>
      </form>
      <ErrorBanner error={error} />
    </details>
  );
}
