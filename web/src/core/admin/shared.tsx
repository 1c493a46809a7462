import type { OrgUnitRef } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useT } from '../../app/i18n';
import { visibleAdmin } from './entries';
import { Link, useLocation } from '../../app/router';

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  roleId: string;
  active: boolean;
  mfaEnabled: boolean;
  captureScope: OrgUnitRef[];
  viewScope: OrgUnitRef[];
  lastLoginAt: string | null;
  createdAt: string;
}

export interface OrgUnit {
  code: string;
  kind: string;
  name: string;
  nameEs: string;
  nameEn: string | null;
  parentCode: string | null;
  path: string;
  m49: string | null;
  iso2: string | null;
  childCount: number;
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
