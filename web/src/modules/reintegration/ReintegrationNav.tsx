import { useAuth } from '../../app/auth';
import { Breadcrumbs, SectionNav } from '../../app/components/Layout';
import type { MessageKey } from '../../app/i18n';
import { useT } from '../../app/i18n';
import { useLocation } from '../../app/router';
import './reintegration.css';

const SECTIONS: { path: string; label: MessageKey; anyOf: string[] }[] = [
  { path: '/reintegration', label: 'rn.nav.caseload', anyOf: ['cases.read'] },
  { path: '/reintegration/supervision', label: 'rn.nav.supervision', anyOf: ['cases.supervise'] },
  { path: '/reintegration/dashboard', label: 'rn.nav.dashboard', anyOf: ['cases.read', 'cases.supervise'] },
  { path: '/reintegration/instruments', label: 'rn.nav.instruments', anyOf: ['cases.read', 'reintegration.configure'] },
  { path: '/reintegration/settings', label: 'rn.nav.settings', anyOf: ['reintegration.configure'] },
];

/** Where the section's paths are: a case page belongs to the caseload. */
function isCurrent(section: string, pathname: string): boolean {
  if (section === '/reintegration') return pathname === section || pathname.startsWith('/reintegration/cases');
  return pathname === section || pathname.startsWith(`${section}/`);
}

/**
 * The module's breadcrumbs and sub-navigation, on every reintegration page: the sections the user may open.
 * `trail` continues the breadcrumbs after "Reintegración" (the current page last, without a link).
 */
export function ReintegrationNav({ trail = [] }: { trail?: { label: string; to?: string }[] }) {
  const t = useT();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const visible = SECTIONS.filter((s) => s.anyOf.some(can));
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('rn.title'), ...(trail.length ? { to: '/reintegration' } : {}) }, ...trail]} />
      <SectionNav label={t('rn.nav.label')} links={visible.map((s) => ({ path: s.path, label: t(s.label), current: isCurrent(s.path, pathname) }))} />
    </>
  );
}
