import { useState } from 'react';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Notice, PageHeading, SummaryList, Tag } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useFormErrors } from '../../../app/components/useFormErrors';
import { FlashNotice } from '../../../app/flash';
import { formatDate, formatDateTime, formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { Link } from '../../../app/router';
import type { PageProps } from '../../../app/routes';
import { ProjectActions } from './ProjectActions';
import { AttachmentLinks, NotLoaded, partyName, ProjectsNav, StatusTag, TitledTable, useProjectLabels } from './shared';
import type { Project, ProjectStatus } from './types';

/** The road every project travels; `returned` sits on the first step, `rejected` ends the road after review. */
const ROAD: ProjectStatus[] = ['submitted', 'in_review', 'approved', 'agreement_signed', 'in_execution', 'closed'];

function roadIndex(status: ProjectStatus): number {
  if (status === 'returned') return 0;
  if (status === 'rejected') return 1;
  return ROAD.indexOf(status);
}

/** One project: where it stands, what the user may do now, and everything recorded on it. */
export default function ProjectPage({ params }: PageProps) {
  const { t } = useI18n();
  const id = params.id ?? '';
  const project = useApi<Project>(`/remittances/projects/${encodeURIComponent(id)}`);
  const errors = useFormErrors();
  const [done, setDone] = useState<string | null>(null);

  if (!project.data) return <NotLoaded error={project.loading ? undefined : project.error} />;
  const p = project.data;

  function onDone(updated: Project, message: string) {
    errors.clear();
    project.setData(updated);
    setDone(message);
    window.scrollTo(0, 0);
  }

  return (
    <>
      <ProjectsNav trail={[{ label: t('rp.projects.title'), to: '/remittances/projects' }, { label: p.reference }]} />
      <FlashNotice />
      {done ? (
        <Notice tone="success" live>
          <p>{done}</p>
        </Notice>
      ) : null}
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={`${p.reference} · ${p.association_name}`}>{p.title}</PageHeading>
      <StatusRoad project={p} />
      <ProjectActions project={p} errors={errors} onDone={onDone} onFail={() => setDone(null)} />
      <Summary project={p} />
      <CheckSection project={p} />
      <ScoresSection project={p} />
      <DecisionSection project={p} />
      <LedgerSection project={p} />
      <ProgressSection project={p} />
      <ClosureSection project={p} />
      <HistorySection project={p} />
    </>
  );
}

function StatusRoad({ project }: { project: Project }) {
  const { t } = useI18n();
  const l = useProjectLabels();
  const at = roadIndex(project.status);
  const final = project.status === 'closed' || project.status === 'rejected';
  return (
    <section aria-labelledby="status-heading" className="rp-status">
      <h2 id="status-heading" className="rp-status__title">
        {t('rp.project.statusNow')} <StatusTag status={project.status} />
      </h2>
      <ol className="rp-road">
        {ROAD.map((s, i) => {
          const state = i < at || (i === at && final) ? 'done' : i === at ? 'current' : 'todo';
          const label = i === at && (project.status === 'returned' || project.status === 'rejected') ? l.status(project.status) : l.status(s);
          if (project.status === 'rejected' && i > at) return null;
          return (
            <li key={s} className={`rp-road__step rp-road__step--${state}${i === at && project.status === 'rejected' ? ' rp-road__step--refused' : ''}`} aria-current={i === at && !final ? 'step' : undefined}>
              <span className="rp-road__mark" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="rp-road__label">
                {label}
                <span className="visually-hidden"> ({t(`rp.road.${state}`)})</span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Summary({ project: p }: { project: Project }) {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t('rp.project.summary')}</h2>
      <SummaryList
        rows={[
          { key: t('rp.project.association'), value: <Link to={`/remittances/associations/${encodeURIComponent(p.association_id)}`}>{p.association_name}</Link> },
          { key: t('rp.project.scheme'), value: `${p.scheme.name} (${p.scheme.currency})` },
          { key: t('rp.project.type'), value: l.type(p.project_type) },
          { key: t('rp.project.locality'), value: `${p.org_unit_name} (${p.org_unit_code})` },
          {
            key: t('rp.project.coordinates'),
            value: p.latitude !== null && p.longitude !== null ? `${formatNumber(p.latitude, locale, { maximumFractionDigits: 6 })}, ${formatNumber(p.longitude, locale, { maximumFractionDigits: 6 })}` : t('common.none'),
          },
          { key: t('rp.project.budget'), value: l.money(p.budget, p.currency) },
          { key: t('rp.project.beneficiaries'), value: l.number(p.expected_beneficiaries) },
          { key: t('rp.project.description'), value: <p className="rp-prewrap">{p.description}</p> },
          { key: t('rp.project.attachments'), value: <AttachmentLinks items={p.attachments} /> },
          { key: t('rp.project.submitted'), value: formatDateTime(p.submitted_at, locale) },
        ]}
      />
    </section>
  );
}

function CheckSection({ project: p }: { project: Project }) {
  const { t, locale } = useI18n();
  if (!p.check) return null;
  const c = p.check;
  return (
    <section aria-labelledby="check-heading">
      <h2 id="check-heading">{t('rp.check.title')}</h2>
      <p>
        <Tag colour={c.complete ? 'green' : 'yellow'}>{c.complete ? t('rp.check.complete') : t('rp.check.incomplete')}</Tag> <span className="secondary">{t('rp.byAt', { who: c.by_name, when: formatDateTime(c.at, locale) })}</span>
      </p>
      {c.missing.length > 0 ? (
        <>
          <p>{t('rp.check.missingList')}</p>
          <ul className="list">
            {c.missing.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </>
      ) : null}
      {c.note ? <p className="rp-prewrap">{c.note}</p> : null}
    </section>
  );
}

function ScoresSection({ project: p }: { project: Project }) {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  const s = p.scores;
  if (s.sheets.length === 0 && !['in_review', 'approved', 'rejected'].includes(p.status)) return null;
  return (
    <section aria-labelledby="scores-heading">
      <h2 id="scores-heading">{t('rp.scores.title')}</h2>
      {s.mean !== null ? (
        <p>
          {t('rp.scores.mean', { mean: l.score(s.mean), min: l.score(p.scheme.min_score) })}{' '}
          {s.below_threshold ? <Tag colour="red">{t('rp.scores.below')}</Tag> : <Tag colour="green">{t('rp.scores.above')}</Tag>}
        </p>
      ) : (
        <p>{t('rp.scores.noneYet')}</p>
      )}
      {s.sheets.length > 0 ? (
        <TitledTable
          caption={t('rp.scores.caption')}
          head={[t('rp.scores.member'), ...s.criteria.map((c) => `${l.named(c)} (×${formatNumber(c.weight, locale)})`), t('rp.scores.weighted')]}
          numeric={[...s.criteria.map((_, i) => i + 1), s.criteria.length + 1]}
          className="table--compact table--medium"
        >
          {s.sheets.map((sheet) => (
            <tr key={sheet.member_id}>
              <td>
                {sheet.member_name}
                <div className="cell-muted">{formatDateTime(sheet.at, locale)}</div>
              </td>
              {s.criteria.map((c) => {
                const row = sheet.scores.find((x) => x.criterion === c.key);
                return (
                  <td key={c.key} className="num">
                    {row ? l.number(row.score) : '–'}
                    {row?.comment ? <div className="cell-muted rp-comment">{row.comment}</div> : null}
                  </td>
                );
              })}
              <td className="num">{l.score(sheet.weighted)}</td>
            </tr>
          ))}
        </TitledTable>
      ) : null}
      {p.status === 'in_review' ? <p className="secondary">{t('rp.scores.privateNote')}</p> : null}
    </section>
  );
}

function DecisionSection({ project: p }: { project: Project }) {
  const { t, locale } = useI18n();
  const d = p.decision;
  if (!d) return null;
  return (
    <section aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t('rp.decision.title')}</h2>
      <SummaryList
        rows={[
          { key: t('rp.decision.decision'), value: <Tag colour={d.decision === 'approved' ? 'green' : 'red'}>{t(d.decision === 'approved' ? 'rp.decision.approved' : 'rp.decision.rejected')}</Tag> },
          { key: t('rp.decision.reasons'), value: <p className="rp-prewrap">{d.reasons}</p> },
          { key: t('rp.decision.minutes'), value: <p className="rp-prewrap">{d.minutes}</p> },
          { key: t('rp.decision.minutesFile'), value: <AttachmentLinks items={d.minutes_attachment ? [d.minutes_attachment] : []} /> },
          { key: t('rp.decision.by'), value: t('rp.byAt', { who: d.by_name, when: formatDateTime(d.at, locale) }) },
        ]}
      />
    </section>
  );
}

function LedgerSection({ project: p }: { project: Project }) {
  const { t, lang, locale } = useI18n();
  const l = useProjectLabels();
  if (p.commitments.length === 0) return null;
  const total = (k: 'committed' | 'received' | 'remaining') => p.commitments.reduce((s, c) => s + c[k], 0);
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">{t('rp.ledger.title')}</h2>
      {p.agreement ? (
        <p>
          {t('rp.agreement.line', { number: p.agreement.agreement_number, date: formatDate(p.agreement.signed_on, locale), who: p.agreement.by_name })}
          {p.agreement.attachment ? (
            <>
              {' '}
              <AttachmentLinks items={[p.agreement.attachment]} />
            </>
          ) : null}
        </p>
      ) : null}
      <TitledTable
        caption={t('rp.ledger.caption')}
        head={[t('rp.scheme.party'), t('rp.scheme.share'), t('rp.ledger.committed'), t('rp.ledger.received'), t('rp.ledger.remaining')]}
        numeric={[1, 2, 3, 4]}
        className="table--medium"
      >
        {p.commitments.map((c) => (
          <tr key={c.party}>
            <td>{lang === 'es' ? c.party_name_es : c.party_name_en || c.party_name_es}</td>
            <td className="num">{l.pct(c.share_pct)}</td>
            <td className="num nowrap">{l.money(c.committed, p.currency)}</td>
            <td className="num nowrap">{l.money(c.received, p.currency)}</td>
            <td className="num nowrap">{l.money(c.remaining, p.currency)}</td>
          </tr>
        ))}
        <tr className="rp-total">
          <td>{t('rp.ledger.total')}</td>
          <td className="num">{l.pct(100)}</td>
          <td className="num nowrap">{l.money(total('committed'), p.currency)}</td>
          <td className="num nowrap">{l.money(total('received'), p.currency)}</td>
          <td className="num nowrap">{l.money(total('remaining'), p.currency)}</td>
        </tr>
      </TitledTable>
      {p.contributions.length > 0 ? (
        <TitledTable
          caption={t('rp.contributions.caption')}
          head={[t('rp.contribution.receivedOn'), t('rp.scheme.party'), t('rp.contribution.amount'), t('rp.contribution.reference'), t('rp.contributions.recordedBy')]}
          numeric={[2]}
          className="table--compact table--medium"
        >
          {p.contributions.map((c) => (
            <tr key={c.id}>
              <td className="nowrap">{formatDate(c.received_on, locale)}</td>
              <td>{partyName(p.scheme.parties, c.party, lang)}</td>
              <td className="num nowrap">{l.money(c.amount, p.currency)}</td>
              <td>{c.reference}</td>
              <td>
                {c.by_name}
                <div className="cell-muted">{formatDateTime(c.at, locale)}</div>
              </td>
            </tr>
          ))}
        </TitledTable>
      ) : null}
    </section>
  );
}

function ProgressSection({ project: p }: { project: Project }) {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  if (p.progress.length === 0) return null;
  const last = p.progress[p.progress.length - 1]!;
  return (
    <section aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t('rp.progress.title')}</h2>
      <div className="rp-meter">
        <p id="progress-meter-label">{t('rp.progress.physicalNow', { pct: l.number(last.physical_pct), period: last.period })}</p>
        <div className="rp-meter__bar" role="meter" aria-labelledby="progress-meter-label" aria-valuemin={0} aria-valuemax={100} aria-valuenow={last.physical_pct}>
          <span style={{ width: `${Math.min(100, Math.max(0, last.physical_pct))}%` }} />
        </div>
      </div>
      <TitledTable
        caption={t('rp.progress.caption')}
        head={[t('rp.progress.period'), t('rp.progress.physical'), t('rp.progress.spent'), t('rp.progress.narrative'), t('rp.progress.photos'), t('rp.contributions.recordedBy')]}
        numeric={[1, 2]}
        className="table--compact table--wide"
      >
        {p.progress.map((r) => (
          <tr key={r.period}>
            <td className="nowrap">{r.period}</td>
            <td className="num">{formatNumber(r.physical_pct / 100, locale, { style: 'percent', maximumFractionDigits: 1 })}</td>
            <td className="num nowrap">{l.money(r.spent, p.currency)}</td>
            <td className="rp-prewrap">{r.narrative}</td>
            <td>
              <AttachmentLinks items={r.photos} />
            </td>
            <td>
              {r.by_name}
              <div className="cell-muted">{formatDateTime(r.at, locale)}</div>
            </td>
          </tr>
        ))}
      </TitledTable>
    </section>
  );
}

function ClosureSection({ project: p }: { project: Project }) {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  const c = p.closure;
  if (!c) return null;
  return (
    <section aria-labelledby="closure-heading">
      <h2 id="closure-heading">{t('rp.closure.title')}</h2>
      <SummaryList
        rows={[
          { key: t('rp.closure.beneficiaries'), value: l.number(c.beneficiaries) },
          { key: t('rp.closure.jobs'), value: l.number(c.jobs_created) },
          { key: t('rp.closure.outcome'), value: <p className="rp-prewrap">{c.outcome}</p> },
          { key: t('rp.closure.photos'), value: <AttachmentLinks items={c.photos} /> },
          { key: t('rp.decision.by'), value: t('rp.byAt', { who: c.by_name, when: formatDateTime(c.at, locale) }) },
        ]}
      />
    </section>
  );
}

function HistorySection({ project: p }: { project: Project }) {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('rp.history.title')}</h2>
      <ol className="rp-history">
        {p.history.map((h, i) => (
          <li key={i}>
            <p className="rp-history__what">
              <strong>{l.step(h.step)}</strong> → {l.status(h.status_after)}
            </p>
            <p className="rp-history__meta">{t('rp.byAt', { who: h.by_name, when: formatDateTime(h.at, locale) })}</p>
            {h.note ? <p className="rp-history__note rp-prewrap">{h.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
