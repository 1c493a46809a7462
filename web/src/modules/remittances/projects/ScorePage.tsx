import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { Button, ButtonGroup } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Select, Textarea } from '../../../app/components/Field';
import { Notice, PageHeading, SummaryList } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useMutation } from '../../../app/components/useMutation';
import { setFlash } from '../../../app/flash';
import { formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { Link, navigate } from '../../../app/router';
import type { PageProps } from '../../../app/routes';
import { weightedScore } from './calc';
import { AttachmentLinks, NotLoaded, ProjectsNav, useProjectLabels } from './shared';
import type { Project } from './types';

const SCORES = Array.from({ length: 11 }, (_, i) => String(i));

/**
 * A committee member's scoring sheet: the scheme's published criteria with their weights, a 0–10 score and a
 * comment for each, and the weighted total as it is typed. The sheet can be changed until the decision; other
 * members' sheets are not shown before it (the server sends only the caller's own).
 */
export default function ScorePage({ params }: PageProps) {
  const { t, locale } = useI18n();
  const l = useProjectLabels();
  const { me } = useAuth();
  const id = params.id ?? '';
  const base = `/remittances/projects/${encodeURIComponent(id)}`;
  const project = useApi<Project>(base);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const save = useMutation((body: object, _fieldIds: Record<string, string>, _done: string) => api.put<Project>(`${base}/scores`, body), {
    fieldIds: ([, fieldIds]) => fieldIds,
    generalTarget: 'sheet-submit',
    onSuccess: (_, [, , done]) => {
      setFlash(done);
      navigate(base);
    },
  });
  const { busy, errors } = save;

  const mine = project.data?.scores.sheets.find((s) => s.member_id === me?.user.id);
  useEffect(() => {
    if (!mine) return;
    setScores(Object.fromEntries(mine.scores.map((s) => [s.criterion, String(s.score)])));
    setComments(Object.fromEntries(mine.scores.map((s) => [s.criterion, s.comment ?? ''])));
  }, [mine?.at]);

  if (!project.data) return <NotLoaded error={project.loading ? undefined : project.error} />;
  const p = project.data;
  const criteria = p.scores.criteria.length > 0 ? p.scores.criteria : p.scheme.criteria;
  const weightSum = criteria.reduce((s, c) => s + c.weight, 0);
  const numeric = Object.fromEntries(criteria.map((c) => [c.key, scores[c.key] ? Number(scores[c.key]) : null]));
  const total = weightedScore(criteria, numeric);
  const open = p.allowed_actions.includes('score');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problems: [string, string][] = criteria.filter((c) => !scores[c.key]).map((c) => [`score-${c.key}`, t('rp.sheet.score.required', { criterion: l.named(c) })]);
    if (errors.set(problems)) return;
    // a 409 (the decision came first) names `status`: shown with the button
    const fieldIds: Record<string, string> = { status: 'sheet-submit' };
    criteria.forEach((c, i) => {
      fieldIds[`scores.${i}.score`] = `score-${c.key}`;
      fieldIds[`scores.${i}.comment`] = `comment-${c.key}`;
      fieldIds[`scores.${i}`] = `score-${c.key}`;
    });
    const body = { scores: criteria.map((c) => ({ criterion: c.key, score: Number(scores[c.key]), ...(comments[c.key]?.trim() ? { comment: comments[c.key]!.trim() } : {}) })) };
    await save.run(body, fieldIds, t('rp.sheet.saved', { reference: p.reference, total: l.score(total) }));
  }

  return (
    <div className="narrow">
      <ProjectsNav trail={[{ label: t('rp.projects.title'), to: '/remittances/projects' }, { label: p.reference, to: base }, { label: t('rp.sheet.title') }]} />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={`${p.reference} · ${p.title}`}>{t('rp.sheet.title')}</PageHeading>
      <SummaryList
        rows={[
          { key: t('rp.project.association'), value: p.association_name },
          { key: t('rp.project.type'), value: l.type(p.project_type) },
          { key: t('rp.project.locality'), value: p.org_unit_name },
          { key: t('rp.project.budget'), value: l.money(p.budget, p.currency) },
          { key: t('rp.project.beneficiaries'), value: l.number(p.expected_beneficiaries) },
          { key: t('rp.project.description'), value: <p className="rp-prewrap">{p.description}</p> },
          { key: t('rp.project.attachments'), value: <AttachmentLinks items={p.attachments} /> },
        ]}
      />
      {!open ? (
        <Notice tone="warning">
          <p>{t('rp.sheet.closed', { status: l.status(p.status) })}</p>
          <p>
            <Link to={base}>{t('rp.form.backToProject')}</Link>
          </p>
        </Notice>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>{t('rp.sheet.lead', { min: l.score(p.scheme.min_score) })}</p>
          {mine ? <Notice>{t('rp.sheet.editing')}</Notice> : null}
          {criteria.map((c) => (
            <div key={c.key} className="rp-criterion">
              <fieldset className="fieldset">
                <legend className="legend">
                  {l.named(c)}
                  <span className="rp-criterion__weight">
                    {t('rp.sheet.weight', { weight: formatNumber(c.weight, locale), share: formatNumber(weightSum > 0 ? c.weight / weightSum : 0, locale, { style: 'percent', maximumFractionDigits: 1 }) })}
                  </span>
                </legend>
                <Select
                  id={`score-${c.key}`}
                  label={t('rp.sheet.score', { criterion: l.named(c) })}
                  value={scores[c.key] ?? ''}
                  onValue={(s) => setScores((o) => ({ ...o, [c.key]: s }))}
                  error={errors.field(`score-${c.key}`)}
                  options={[{ value: '', label: t('rp.sheet.choose') }, ...SCORES.map((s) => ({ value: s, label: s }))]}
                />
                <Textarea
                  id={`comment-${c.key}`}
                  label={t('rp.sheet.comment', { criterion: l.named(c) })}
                  hint={t('common.optional')}
                  value={comments[c.key] ?? ''}
                  onValue={(s) => setComments((o) => ({ ...o, [c.key]: s }))}
                  error={errors.field(`comment-${c.key}`)}
                  rows={2}
                />
              </fieldset>
            </div>
          ))}
          <div className="rp-total-box" aria-live="polite">
            <p className="rp-total-box__label">{t('rp.sheet.total')}</p>
            <p className="rp-total-box__value">{total === null ? t('rp.sheet.totalPending') : t('rp.sheet.totalValue', { total: l.score(total) })}</p>
            {total !== null && total < p.scheme.min_score ? <p>{t('rp.sheet.belowMin', { min: l.score(p.scheme.min_score) })}</p> : null}
          </div>
          <ButtonGroup>
            <Button type="submit" id="sheet-submit" busy={busy}>
              {t('rp.sheet.submit')}
            </Button>
            <Link to={base}>{t('common.cancel')}</Link>
          </ButtonGroup>
        </form>
      )}
    </div>
  );
}
