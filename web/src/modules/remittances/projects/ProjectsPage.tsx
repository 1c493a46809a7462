import { useEffect, useState, type FormEvent } from 'react';
import { query, type OrgUnitRef } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { Button, ButtonLink } from '../../../app/components/Button';
import { TextInput } from '../../../app/components/Field';
import { Loading, Notice, PageHeading } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { FlashNotice } from '../../../app/flash';
import { formatDate } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { Link, navigate, useLocation } from '../../../app/router';
import { OrgUnitPicker } from '../../../app/components/OrgUnitPicker';
import { ProjectsNav, StatusTag, TitledTable, useProjectLabels } from './shared';
import { PROJECT_STATUSES, type AssociationSummary, type ProjectStatus, type ProjectSummary } from './types';

const PIPELINE_VERBS = ['projects.manage', 'projects.score', 'projects.decide'];

/**
 * For an association: its projects and "propose a project". For officers, the committee and coordinators: the
 * pipeline, with the count of projects at each status and a table filtered by status, locality and text.
 * Status is filtered here, so the counts always cover every status of the chosen locality.
 */
export default function ProjectsPage() {
  const { t } = useI18n();
  const l = useProjectLabels();
  const { can, me } = useAuth();
  const { search, pathname } = useLocation();
  const pipeline = PIPELINE_VERBS.some(can);
  const status = search.get('status') ?? '';
  const orgUnit = search.get('org_unit') ?? '';
  const q = search.get('q') ?? '';
  const list = useApi<{ items: ProjectSummary[] }>(`/remittances/projects${query({ org_unit: orgUnit, q })}`);
  const associations = useApi<{ items: AssociationSummary[] }>(can('projects.propose') ? '/remittances/associations' : null);
  const [unit, setUnit] = useState<OrgUnitRef[]>(orgUnit ? [{ code: orgUnit, name: orgUnit, kind: '' }] : []);
  const [text, setText] = useState(q);
  // a locality from the address bar is shown by its name once known
  const unitInfo = useApi<OrgUnitRef>(orgUnit ? `/org-units/${encodeURIComponent(orgUnit)}` : null);
  useEffect(() => {
    if (unitInfo.data) setUnit([{ code: unitInfo.data.code, name: unitInfo.data.name, kind: unitInfo.data.kind }]);
  }, [unitInfo.data]);

  const all = list.data?.items ?? [];
  const counts = new Map<ProjectStatus, number>();
  for (const p of all) counts.set(p.status, (counts.get(p.status) ?? 0) + 1);
  const shown = status ? all.filter((p) => p.status === status) : all;
  const validated = (associations.data?.items ?? []).filter((a) => a.status === 'validated');

  const href = (next: { status?: string; org_unit?: string; q?: string }) => `${pathname}${query({ status, org_unit: orgUnit, q, ...next })}`;

  function filter(e: FormEvent) {
    e.preventDefault();
    navigate(href({ org_unit: unit[0]?.code ?? '', q: text.trim() }), { replace: true, keepScroll: true });
  }

  return (
    <>
      <ProjectsNav trail={[{ label: t('rp.projects.title') }]} />
      <FlashNotice />
      <PageHeading>{pipeline ? t('rp.projects.pipelineTitle') : t('rp.projects.title')}</PageHeading>
      <p className="lead">{pipeline ? t('rp.projects.pipelineLead') : t('rp.projects.lead')}</p>
      {can('projects.propose') ? (
        validated.length > 0 ? (
          <p>
            <ButtonLink to="/remittances/projects/new">{t('rp.projects.propose')}</ButtonLink>
          </p>
        ) : associations.data ? (
          <Notice>
            <p>
              {t('rp.projects.needValidated')} <Link to="/remittances/associations">{t('rp.projects.toAssociations')}</Link>
            </p>
          </Notice>
        ) : null
      ) : null}

      {pipeline ? (
        <>
          <nav aria-label={t('rp.projects.countsLabel')}>
            <ul className="rp-counts">
              <li>
                <Link to={href({ status: '' })} aria-current={status === '' ? 'true' : undefined}>
                  <span className="rp-counts__n">{l.number(all.length)}</span>
                  <span className="rp-counts__label">{t('rp.filter.all')}</span>
                </Link>
              </li>
              {PROJECT_STATUSES.map((s) => (
                <li key={s}>
                  <Link to={href({ status: s })} aria-current={status === s ? 'true' : undefined}>
                    <span className="rp-counts__n">{l.number(counts.get(s) ?? 0)}</span>
                    <span className="rp-counts__label">{l.status(s)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <form className="filter-panel" onSubmit={filter} role="search" aria-label={t('rp.projects.filter')}>
            <OrgUnitPicker id="org_unit" single legend={t('rp.projects.locality')} hint={t('rp.projects.locality.hint')} value={unit} onChange={setUnit} suggestions={me?.user.viewScope ?? []} />
            <div className="filter">
              <TextInput id="q" type="search" label={t('rp.projects.search')} value={text} onValue={setText} width="20" />
              <Button type="submit" variant="secondary">
                {t('rp.filter.apply')}
              </Button>
            </div>
          </form>
        </>
      ) : null}

      {list.loading ? <Loading /> : null}
      {list.error ? (
        <Notice tone="error" title={t('rp.loadFailed')}>
          {list.error.message}
        </Notice>
      ) : null}
      {list.data && shown.length === 0 ? <p>{pipeline ? t('rp.projects.noneFiltered') : t('rp.projects.none')}</p> : null}
      {shown.length > 0 ? <ProjectsTable items={shown} caption={status ? t('rp.projects.captionStatus', { status: l.status(status as ProjectStatus), count: shown.length }) : t('rp.projects.caption', { count: shown.length })} /> : null}
    </>
  );
}

function ProjectsTable({ items, caption }: { items: ProjectSummary[]; caption: string }) {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  return (
    <TitledTable
      caption={caption}
      // status early: on a phone it is in view before the table scrolls
      head={[t('rp.project.reference'), t('rp.project.title'), t('rp.project.status'), t('rp.project.locality'), t('rp.project.association'), t('rp.project.type'), t('rp.project.budget'), t('rp.project.scoreMean'), t('rp.project.submitted')]}
      numeric={[6, 7]}
      className="table--wide table--compact"
    >
      {items.map((p) => (
        <tr key={p.id}>
          <td className="nowrap">
            <Link to={`/remittances/projects/${encodeURIComponent(p.id)}`}>{p.reference}</Link>
          </td>
          <td>{p.title}</td>
          <td>
            <StatusTag status={p.status} />
          </td>
          <td>{p.org_unit_name}</td>
          <td>{p.association_name}</td>
          <td>{l.type(p.project_type)}</td>
          <td className="num nowrap">{l.money(p.budget, p.currency)}</td>
          <td className="num">{l.score(p.score_mean)}</td>
          <td className="nowrap">{formatDate(p.submitted_at, locale)}</td>
        </tr>
      ))}
    </TitledTable>
  );
}
