import { useEffect, useState, type ReactNode } from 'react';
import { api } from './api';
import { useAuth, type Me } from './auth';
import { LANGS, useI18n, type Lang } from './i18n';
import { visibleNav } from './nav';
import { Link, navigate, useLocation } from './router';

function LanguageSwitcher() {
  const { lang, setLang, t } = useI18n();
  const { me, active, setMe } = useAuth();
  const [status, setStatus] = useState('');

  async function choose(code: Lang) {
    if (code === lang) return;
    let updated: Me | null = null;
    if (me && active) {
      try {
        updated = await api.patch<Me>('/me', { locale: code });
      } catch {
        updated = null; // the choice is still remembered in this browser
      }
    }
    await setLang(code);
    if (updated) setMe(updated);
    setStatus(LANGS.find((l) => l.code === code)?.name ?? code);
  }

  return (
    <div className="lang" role="group" aria-label={t('lang.label')}>
      <ul className="lang__list">
        {LANGS.map((l) => (
          <li key={l.code}>
            <button
              type="button"
              className="lang__button"
              lang={l.code}
              aria-current={l.code === lang ? 'true' : undefined}
              onClick={() => void choose(l.code)}
            >
              {l.name}
            </button>
          </li>
        ))}
      </ul>
      <span className="visually-hidden" role="status">
        {status}
      </span>
    </div>
  );
}

function MainNav() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const entries = visibleNav(can);

  useEffect(() => setOpen(false), [pathname]);

  if (entries.length === 0) return null;
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      <div className="container nav__inner">
        <button
          type="button"
          className="nav__toggle"
          aria-expanded={open}
          aria-controls="main-nav-list"
          onClick={() => setOpen((o) => !o)}
        >
          {t('nav.menu')}
        </button>
        <ul id="main-nav-list" className={`nav__list${open ? ' nav__list--open' : ''}`}>
          <li>
            <Link to="/" className="nav__link" aria-current={pathname === '/' ? 'page' : undefined}>
              {t('nav.home')}
            </Link>
          </li>
          {entries.map((e) => {
            const current = pathname === e.path || pathname.startsWith(`${e.path}/`);
            return (
              <li key={e.id}>
                <Link to={e.path} className="nav__link" aria-current={current ? 'page' : undefined}>
                  {t(e.label)}
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}

function Account() {
  const { t } = useI18n();
  const { me, active, signOut } = useAuth();
  const { pathname } = useLocation();
  if (!me) {
    if (pathname.startsWith('/login')) return null;
    return (
      <div className="header__account">
        <Link to="/login" className="header__link">
          {t('nav.signIn')}
        </Link>
      </div>
    );
  }
  return (
    <div className="header__account">
      {active ? (
        <Link to="/profile" className="header__link" aria-current={pathname.startsWith('/profile') ? 'page' : undefined}>
          <span className="visually-hidden">{t('nav.profile')}: </span>
          {me.user.display_name || me.user.email}
        </Link>
      ) : null}
      <button
        type="button"
        className="header__link header__signout"
        onClick={() => {
          void signOut().finally(() => navigate('/login'));
        }}
      >
        {t('nav.signOut')}
      </button>
    </div>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <a href="#main-content" className="skip-link">
        {t('shell.skip')}
      </a>
      <header className="header">
        <div className="container header__inner">
          <Link to="/" className="header__logo">
            <span className="header__product">mide</span>
            <span className="header__tagline">{t('shell.tagline')}</span>
          </Link>
          <div className="header__tools">
            <LanguageSwitcher />
            <Account />
          </div>
        </div>
      </header>
      <MainNav />
      <div className="container">
        <main id="main-content" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="footer">
        <div className="container">
          <h2 className="visually-hidden">{t('footer.heading')}</h2>
          <ul className="footer__links">
            <li>
              <a href="/api/v1/docs">{t('footer.apiDocs')}</a>
            </li>
          </ul>
          <p className="footer__attribution">{t('footer.attribution')}</p>
          <p className="footer__meta">{t('footer.licence')}</p>
        </div>
      </footer>
    </>
  );
}
