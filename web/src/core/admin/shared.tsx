import type { OrgUnitRef } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useT } from '../../app/i18n';
import { visibleAdmin } from './entries';
import { Link, useLocation } from '../../app/router';

export interface AdminUser {
  id: string;
  email: string;
  display_name: string;
  role_id: string;
  active: boolean;
  mfa_enabled: boolean;
  capture_scope: OrgUnitRef[];
  view_scope: OrgUnitRef[];
  last_login_at: string | null;
  created_at: string;
}

export interface OrgUnit {
  code: string;
  kind: string;
  name: string;
  name_es: string;
  name_en: string | null;
  parent_code: string | null;
  path: string;
  m49: string | null;
  iso2: string | null;
  child_count: number;
}

/** Secondary navigation between the administration pages the user may use. */
export function AdminNav() {
  const t = useT();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const entries = visibleAdmin(can);
  return (
    <nav className="section-nav" aria-label={t('nav.admin')}>
      <ul>
        {entries.map((e) => {
          const current = pathname === e.path || pathname.startsWith(`${e.path}/`);
          return (
            <li key={e.id}>
              <Link to={e.path} aria-current={current ? 'page' : undefined}>
                {t(e.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
