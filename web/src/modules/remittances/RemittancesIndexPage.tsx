import { useAuth } from '../../app/auth';
import { PageHeading } from '../../app/components/Layout';
import { useI18n, type MessageKey } from '../../app/i18n';
import { Link } from '../../app/router';

/**
 * The remittances module's front page: the public cost pages for everyone, the analyst's quotes, and the co-funded
 * projects pages, each shown to whoever may open it (verbs as in docs/api.md).
 */

interface Entry {
  path: string;
  title: MessageKey;
  description: MessageKey;
  /** Shown when the user holds one of these verbs; everyone when absent. */
  anyOf?: string[];
}

const COSTS: Entry[] = [
  { path: '/remittances/send', title: 'rc.index.send', description: 'rc.index.sendDescription' },
  { path: '/remittances/sdg', title: 'rc.index.sdg', description: 'rc.index.sdgDescription' },
  { path: '/remittances/quotes', title: 'rc.index.quotes', description: 'rc.index.quotesDescription', anyOf: ['remittances.quotes'] },
];

const PROJECTS: Entry[] = [
  { path: '/remittances/investment', title: 'rc.index.investment', description: 'rc.index.investmentDescription' },
  { path: '/remittances/schemes', title: 'rc.index.schemes', description: 'rc.index.schemesDescription' },
  { path: '/remittances/projects', title: 'rc.index.projects', description: 'rc.index.projectsDescription', anyOf: ['projects.propose', 'projects.manage', 'projects.score', 'projects.decide'] },
  { path: '/remittances/associations', title: 'rc.index.associations', description: 'rc.index.associationsDescription', anyOf: ['projects.propose', 'projects.manage'] },
];

export default function RemittancesIndexPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const list = (entries: Entry[]) => (
    <ul className="card-list">
      {entries
        .filter((e) => !e.anyOf || e.anyOf.some(can))
        .map((e) => (
          <li key={e.path}>
            <h3>
              <Link to={e.path}>{t(e.title)}</Link>
            </h3>
            <p>{t(e.description)}</p>
          </li>
        ))}
    </ul>
  );
  return (
    <>
      <PageHeading>{t('rc.index.title')}</PageHeading>
      <p className="lead">{t('rc.index.lead')}</p>
      <h2>{t('rc.index.costs')}</h2>
      {list(COSTS)}
      <h2>{t('rc.index.projectsHeading')}</h2>
      {list(PROJECTS)}
    </>
  );
}
