import { Component, Suspense, useEffect, type ReactNode } from 'react';
import { useAuth } from './auth';
import { Loading, PageHeading } from './components/Layout';
import { isLang, useI18n } from './i18n';
import { ForbiddenPage, NotFoundPage } from './pages/NotFoundPage';
import { matchPath, navigate, safeNext, useLocation } from './router';
import { ROUTES, type RouteDef } from './routes';
import { Shell } from './Shell';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

class PageErrorBoundary extends Component<{ children: ReactNode; title: string; body: string; retry: string }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <>
        <PageHeading>{this.props.title}</PageHeading>
        <p>{this.props.body}</p>
        <p>
          <a href={window.location.pathname + window.location.search}>{this.props.retry}</a>
        </p>
      </>
    );
  }
}

function resolve(pathname: string): { route: RouteDef; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, pathname);
    if (params) return { route, params };
  }
  return null;
}

function loginWithNext(href: string): string {
  return href === '/' ? '/login' : `/login?next=${encodeURIComponent(href)}`;
}

function Routed() {
  const { pathname, search, href } = useLocation();
  const { me, can, state } = useAuth();
  const { t, lang } = useI18n();
  const found = resolve(pathname);
  if (!found) return <NotFoundPage />;
  const { route, params } = found;
  const next = safeNext(search.get('next'));
  const keepNext = search.get('next') ? `?next=${encodeURIComponent(next)}` : '';

  switch (route.access) {
    case 'guest':
      if (state === 'active') return <Redirect to={next} />;
      break;
    case 'mfa':
      if (state === 'active') return <Redirect to={next} />;
      if (state === 'mfa_enrollment') return <Redirect to={`/login/mfa-enroll${keepNext}`} />;
      if (state !== 'mfa_pending') return <Redirect to={`/login${keepNext}`} />;
      break;
    case 'enroll':
      if (state === 'mfa_pending') return <Redirect to={`/login/mfa${keepNext}`} />;
      if (state !== 'mfa_enrollment' && state !== 'active') return <Redirect to={`/login${keepNext}`} />;
      break;
    case 'auth':
      if (!me) return <Redirect to={loginWithNext(href)} />;
      if (state === 'mfa_pending') return <Redirect to={`/login/mfa?next=${encodeURIComponent(href)}`} />;
      if (state === 'mfa_enrollment') return <Redirect to={`/login/mfa-enroll?next=${encodeURIComponent(href)}`} />;
      if (route.anyOf && !route.anyOf.some(can)) return <ForbiddenPage />;
      break;
    default:
      break;
  }

  const Page = route.page;
  return (
    <PageErrorBoundary key={pathname} title={t('error.pageTitle')} body={t('error.pageBody')} retry={t('error.retry')}>
      <Suspense fallback={<Loading />}>
        {/* remount on language change so that API texts (org-unit names, messages) are fetched again */}
        <Page key={`${lang}|${pathname}`} params={params} />
      </Suspense>
    </PageErrorBoundary>
  );
}

/** Adopts the signed-in user's saved language. */
function LanguageFromProfile() {
  const { me } = useAuth();
  const { lang, setLang } = useI18n();
  const locale = me?.user.locale;
  useEffect(() => {
    if (isLang(locale) && locale !== lang) void setLang(locale);
    // only when the saved language changes (sign-in), never when the switcher changes `lang`
  }, [locale]);
  return null;
}

export function App() {
  return (
    <Shell>
      <LanguageFromProfile />
      <Routed />
    </Shell>
  );
}
