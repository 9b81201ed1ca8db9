import { useEffect, useState } from 'preact/hooks';
import { onSessionEnded } from './api/client.js';
import { currentSession, logout } from './api/endpoints.js';
import type { Role, Session } from './api/types.js';
import { Loading } from './components/forms.js';
import { homeFor, Layout, PublicLayout } from './components/layout.js';
import { match, navigate, useLocation, type Location } from './router.js';
import { AnalyticsPage } from './pages/analytics.js';
import { AuditPage } from './pages/audit.js';
import { CaseIntakePage } from './pages/case-intake.js';
import { CaseListPage } from './pages/case-list.js';
import { CaseViewPage } from './pages/case-view.js';
import { CorpusSearchPage } from './pages/corpus-search.js';
import { LetterUploadPage } from './pages/letter-upload.js';
import { LetterViewPage } from './pages/letter-view.js';
import { ChangePasswordPage, LoginPage } from './pages/login.js';
import { NotFoundPage } from './pages/not-found.js';
import { ReviewersPage } from './pages/reviewers.js';
import { UsersPage } from './pages/users.js';

const CASE_ROLES: Role[] = ['admin', 'coordinator', 'reviewer'];
const MANAGERS: Role[] = ['admin', 'coordinator'];

/** The page for a path, given who is signed in (a page the role may not open is "not found"). */
function route(loc: Location, session: Session) {
  const role = session.user.role;
  const p = loc.path.replace(/\/+$/, '') || '/';
  if (p === '/') return null;
  if (p === '/corpus') return <CorpusSearchPage location={loc} />;
  if (p === '/decisions') return <CorpusSearchPage location={loc} public />;
  const letter = match('/corpus/letters/:id', p);
  if (letter) return <LetterViewPage id={letter.id!} location={loc} />;
  if (p === '/analytics') return <AnalyticsPage location={loc} />;
  if (p === '/queue' && role === 'reviewer') return <CaseListPage location={loc} mode="queue" />;
  if (p === '/cases' && MANAGERS.includes(role)) return <CaseListPage location={loc} mode="all" />;
  if (p === '/cases/new' && MANAGERS.includes(role)) return <CaseIntakePage />;
  if (p === '/users' && role === 'admin') return <UsersPage />;
  if (p === '/audit' && role === 'admin') return <AuditPage location={loc} />;
  if (p === '/reviewers' && MANAGERS.includes(role)) return <ReviewersPage />;
  if (p === '/letters/upload' && MANAGERS.includes(role)) return <LetterUploadPage />;
  const kase = match('/cases/:ref', p);
  if (kase && CASE_ROLES.includes(role)) return <CaseViewPage caseRef={kase.ref!} session={session} key={kase.ref} />;
  return <NotFoundPage />;
}

/** Pages anyone may open without signing in (their API calls answer only when the server runs with --public). */
function isPublicPath(path: string): boolean {
  return path.replace(/\/+$/, '') === '/decisions';
}

/** The application: the session, then the page for the URL. */
export function App() {
  const loc = useLocation();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    currentSession().then(setSession, () => setSession(null));
    onSessionEnded(() => {
      setSession(null);
      setNotice('Your session ended. Sign in again to go on.');
    });
  }, []);
  useEffect(() => {
    if (session && (loc.path === '/' || loc.path === '/login')) navigate(loc.query.get('next') || homeFor(session.user.role), { replace: true });
    if (session === null && loc.path !== '/login' && !isPublicPath(loc.path)) navigate(`/login${loc.path !== '/' ? `?next=${encodeURIComponent(loc.path + window.location.search)}` : ''}`, { replace: true });
  }, [session, loc.path]);
  useEffect(() => {
    const h1 = document.querySelector('main h1');
    document.title = h1?.textContent ? `${h1.textContent} · OpenIMR` : 'OpenIMR';
  });

  if (session === undefined) return <Loading />;
  if (session === null && isPublicPath(loc.path))
    return (
      <PublicLayout>
        <CorpusSearchPage location={loc} public />
      </PublicLayout>
    );
  if (session === null)
    return (
      <LoginPage
        notice={notice}
        onSignedIn={(s) => {
          setNotice(null);
          setSession(s);
        }}
      />
    );
  if (session.user.mustChangePassword) return <ChangePasswordPage onChanged={setSession} />;
  const signOut = async () => {
    await logout().catch(() => undefined);
    setSession(null);
  };
  return (
    <Layout session={session} path={loc.path} onSignOut={signOut}>
      {route(loc, session)}
    </Layout>
  );
}
