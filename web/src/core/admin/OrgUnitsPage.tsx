import type { OrgUnitRef } from '../../app/api';
import { query } from '../../app/api';
import { ButtonLink } from '../../app/components/Button';
import { Breadcrumbs, Loading, Notice, PageHeading, SummaryList, Table } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { FlashNotice } from '../../app/flash';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { NotFoundPage } from '../../app/pages/NotFoundPage';
import { Link } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { AdminNav, type OrgUnit } from './shared';

function unitPath(code: string): string {
  return `/admin/org-units/${encodeURIComponent(code)}`;
}

export default function OrgUnitsPage({ params }: PageProps) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const code = params.code;
  const unit = useApi<OrgUnit & { ancestors: OrgUnitRef[] }>(code ? `/org-units/${encodeURIComponent(code)}` : null);
  const children = useApi<{ items: OrgUnit[] }>(`/org-units${query({ parent: code })}`);

  if (code && unit.error?.status === 404) return <NotFoundPage />;

  const title = code ? (unit.data?.name ?? code) : t('admin.nav.orgUnits');
  const crumbs = [{ label: t('admin.nav.orgUnits'), to: '/admin/org-units' }];
  if (unit.data) {
    for (const a of unit.data.ancestors) crumbs.push({ label: a.name, to: unitPath(a.code) });
  }

  return (
    <>
      <FlashNotice />
      {code ? (
        <Breadcrumbs items={[...crumbs, { label: title }]} />
      ) : null}
      <PageHeading caption={code ? labels.kind(unit.data?.kind ?? '') || undefined : t('nav.admin')} title={title}>
        {title}
      </PageHeading>
      {!code ? <AdminNav /> : null}
      {!code ? <p>{t('orgUnits.intro')}</p> : null}
      <ButtonLink to="/admin/org-units/import" variant="secondary">
        {t('orgUnits.import.title')}
      </ButtonLink>

      {code && unit.loading ? <Loading /> : null}
      {unit.error && unit.error.status !== 404 ? (
        <Notice tone="error" live>
          <p>{unit.error.message}</p>
        </Notice>
      ) : null}
      {unit.data ? (
        <SummaryList
          rows={[
            { key: t('orgUnits.code'), value: <code>{unit.data.code}</code> },
            { key: t('orgUnits.kind'), value: labels.kind(unit.data.kind) },
            { key: t('orgUnits.nameEs'), value: unit.data.name_es },
            { key: t('orgUnits.nameEn'), value: unit.data.name_en ?? '—' },
            ...(unit.data.iso2 || unit.data.m49
              ? [{ key: t('orgUnits.codes'), value: [unit.data.iso2 ? `ISO ${unit.data.iso2}` : '', unit.data.m49 ? `M49 ${unit.data.m49}` : ''].filter(Boolean).join(' · ') }]
              : []),
          ]}
        />
      ) : null}

      <h2>{code ? t('orgUnits.children') : t('orgUnits.top')}</h2>
      {children.loading ? <Loading /> : null}
      {children.error ? (
        <Notice tone="error" live>
          <p>{children.error.message}</p>
        </Notice>
      ) : null}
      {children.data && children.data.items.length === 0 ? <p>{t('orgUnits.noChildren')}</p> : null}
      {children.data && children.data.items.length > 0 ? (
        <Table
          caption={code ? t('orgUnits.childrenOf', { name: title }) : t('orgUnits.top')}
          captionHidden
          head={[t('orgUnits.name'), t('orgUnits.code'), t('orgUnits.kind'), t('orgUnits.childCount')]}
          numeric={[3]}
        >
          {children.data.items.map((o) => (
            <tr key={o.code}>
              <td>
                <Link to={unitPath(o.code)}>{o.name}</Link>
              </td>
              <td>
                <code>{o.code}</code>
              </td>
              <td>{labels.kind(o.kind)}</td>
              <td className="num">{formatNumber(o.child_count, locale)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}
