import { useAuth } from '../../app/auth';
import { PageHeading } from '../../app/components/Layout';
import { useT } from '../../app/i18n';
import { visibleAdmin } from './entries';
import { Link } from '../../app/router';

export default function AdminIndexPage() {
  const t = useT();
  const { can } = useAuth();
  return (
    <>
      <PageHeading>{t('nav.admin')}</PageHeading>
      <p className="lead">{t('admin.intro')}</p>
      <ul className="card-list">
        {visibleAdmin(can).map((e) => (
          <li key={e.id}>
            <h2 className="h3-like">
              <Link to={e.path}>{t(e.label)}</Link>
            </h2>
            <p>{t(e.description)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
