import type { ComponentChildren } from 'preact';
import type { Role, Session } from '../api/types.js';
import { Link } from './link.js';

interface NavItem {
  href: string;
  label: string;
  roles: Role[];
}

/** The menu: what each role may open (the router gives the same pages to the same roles). */
export const NAV: NavItem[] = [
  { href: '/queue', label: 'My queue', roles: ['reviewer'] },
  { href: '/cases', label: 'Cases', roles: ['coordinator', 'admin'] },
  { href: '/cases/new', label: 'New case', roles: ['coordinator', 'admin'] },
  { href: '/corpus', label: 'Corpus', roles: ['admin', 'coordinator', 'reviewer', 'analyst', 'public'] },
  { href: '/analytics', label: 'Analytics', roles: ['admin', 'coordinator', 'reviewer', 'analyst', 'public'] },
  { href: '/letters/upload', label: 'Add letters', roles: ['coordinator', 'admin'] },
  { href: '/reviewers', label: 'Reviewers', roles: ['coordinator', 'admin'] },
  { href: '/users', label: 'Users', roles: ['admin'] },
  { href: '/audit', label: 'Audit trail', roles: ['admin'] },
];

const ROLE_LABEL: Record<Role, string> = { admin: 'Administrator', coordinator: 'Coordinator', reviewer: 'Expert reviewer', analyst: 'Analyst', public: 'Public' };

/** The frame every page shares: the skip link, the top bar with the brand (linking to `home`) and `bar`, and the page. */
function Frame(props: { home: string; bar: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="app">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link href={props.home} class="brand">
          <span class="brand-mark" aria-hidden="true">
            IMR
          </span>
          OpenIMR
        </Link>
        {props.bar}
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}

/** The page frame: the top bar with what this role may open, and the page. */
export function Layout(props: { session: Session; path: string; onSignOut: () => void; children: ComponentChildren }) {
  const { user } = props.session;
  const items = NAV.filter((n) => n.roles.includes(user.role));
  // The longest nav path the current path starts with is the current page.
  const currentHref = items.map((n) => n.href).filter((h) => props.path === h || props.path.startsWith(`${h}/`)).sort((a, b) => b.length - a.length)[0];
  const bar = (
    <>
      <nav aria-label="Main">
        <ul>
          {items.map((n) => (
            <li key={n.href}>
              <Link href={n.href} aria-current={n.href === currentHref ? 'page' : undefined}>
                {n.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <span class="who-name">{user.displayName}</span>
        <span class="who-role">{ROLE_LABEL[user.role]}</span>
        <button type="button" class="btn btn-ghost btn-small" onClick={props.onSignOut}>
          Sign out
        </button>
      </div>
    </>
  );
  return (
    <Frame home="/" bar={bar}>
      {props.children}
    </Frame>
  );
}

/** The first page a role lands on. */
export function homeFor(role: Role): string {
  return role === 'reviewer' ? '/queue' : role === 'coordinator' || role === 'admin' ? '/cases' : '/corpus';
}

/** The frame of the public pages: no menu, a way to sign in. */
export function PublicLayout(props: { children: ComponentChildren }) {
  const bar = (
    <div class="who">
      <a class="btn btn-ghost btn-small" href="/login">
        Sign in
      </a>
    </div>
  );
  return (
    <Frame home="/decisions" bar={bar}>
      {props.children}
    </Frame>
  );
}
