import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { Button, ButtonGroup } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Select, Textarea, TextInput } from '../../../app/components/Field';
import { Loading, Notice, Tag } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useMutation } from '../../../app/components/useMutation';
import { formatDate, formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { useRnLabels } from '../labels';
import { parseAmount, PlanDue } from '../shared';
import { ACTIVITY_STATUSES, NEED_CODES, RESPONSES, type Activity, type Case, type Plan } from '../types';

interface Draft {
  need: string;
  response: string;
  partner: string;
  start_date: string;
  end_date: string;
  cost: string;
  currency: string;
  status: string;
  notes: string;
}

const EMPTY: Draft = { need: '', response: '', partner: '', start_date: '', end_date: '', cost: '', currency: '', status: 'planned', notes: '' };

const fromActivity = (a: Activity): Draft => ({
  need: a.need,
  response: a.response,
  partner: a.partner,
  start_date: a.start_date ?? '',
  end_date: a.end_date ?? '',
  cost: a.cost === null ? '' : String(a.cost),
  currency: a.currency ?? '',
  status: a.status,
  notes: a.notes ?? '',
});

/**
 * The reintegration plan: its activities, the grid's proposals for the assessed needs (added with a partner in one
 * step), and a form to add or change an activity. While planning everything can change; once approved, only the
 * activities' progress (status, dates, cost).
 */
export function PlanTab({ c, onChanged }: { c: Case; onChanged: (message?: string) => void }) {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const plan = useApi<Plan>(`/reintegration/cases/${encodeURIComponent(c.id)}/plan`);
  const [editing, setEditing] = useState<Activity | 'new' | null>(null);
  const [proposalPartner, setProposalPartner] = useState<Record<string, string>>({});
  const base = `/reintegration/cases/${encodeURIComponent(c.id)}/plan/activities`;
  const refresh = (message: string) => {
    plan.reload();
    onChanged(message);
  };
  const add = useMutation((_key: string, body: { need: string; response: string; partner: string }) => api.post(base, body), {
    onSuccess: (_, [key, body]) => {
      setProposalPartner((old) => ({ ...old, [key]: '' }));
      refresh(t('rn.plan.added', { response: labels.response(body.response) }));
    },
  });
  const remove = useMutation((a: Activity) => api.del(`${base}/${encodeURIComponent(a.id)}`), {
    onSuccess: (_, [a]) => refresh(t('rn.plan.removed', { response: labels.response(a.response) })),
  });
  /** the proposal or activity whose button is busy */
  const busy = add.running?.[0] ?? remove.running?.[0].id ?? null;
  const [missingPartner, setMissingPartner] = useState<string | null>(null);
  const problem = missingPartner ?? add.message ?? remove.message;
  const canPlan = c.allowed_actions.includes('plan');
  const canUpdate = canPlan || c.allowed_actions.includes('update_activity');

  if (!plan.data && plan.loading) return <Loading />;
  if (!plan.data)
    return (
      <Notice tone="error" live>
        <p>{plan.error?.message}</p>
      </Notice>
    );
  const p = plan.data;

  async function addProposal(need: string, response: string) {
    const key = `${need}:${response}`;
    const partner = (proposalPartner[key] ?? '').trim();
    if (busy) return;
    if (!partner) {
      setMissingPartner(t('rn.plan.partner.requiredFor', { response: labels.response(response) }));
      document.getElementById(`proposal-${key}`)?.focus();
      return;
    }
    setMissingPartner(null);
    await add.run(key, { need, response, partner });
  }

  async function removeActivity(a: Activity) {
    if (busy) return;
    setMissingPartner(null);
    await remove.run(a);
  }

  const money = (a: Activity) => (a.cost === null ? '—' : a.currency ? formatNumber(a.cost, locale, { style: 'currency', currency: a.currency }) : formatNumber(a.cost, locale, { minimumFractionDigits: 2 }));
  const dates = (a: Activity) => (a.start_date || a.end_date ? [a.start_date, a.end_date].map((d) => (d ? formatDate(d, locale) : '…')).join(' – ') : '—');

  return (
    <>
      <h2>{t('rn.plan.title')}</h2>
      <p>
        {t('rn.plan.due')}: <PlanDue due={p.plan_due_date} overdue={p.overdue} />
      </p>
      {problem ? (
        <Notice tone="error" live>
          <p>{problem}</p>
        </Notice>
      ) : null}
      {p.activities.length === 0 ? (
        <p>{t('rn.plan.none')}</p>
      ) : (
        <div className="table-wrap rn-cards" tabIndex={0} role="region" aria-label={t('rn.plan.activities')}>
          <table className="table">
            <caption className="visually-hidden">{t('rn.plan.activities')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rn.plan.need')}</th>
                <th scope="col">{t('rn.plan.response')}</th>
                <th scope="col">{t('rn.plan.partner')}</th>
                <th scope="col">{t('rn.plan.dates')}</th>
                <th scope="col" className="num">
                  {t('rn.plan.cost')}
                </th>
                <th scope="col">{t('rn.plan.status')}</th>
                {canUpdate ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {p.activities.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('rn.plan.need')}>{labels.need(a.need)}</td>
                  <td data-label={t('rn.plan.response')}>{labels.response(a.response)}</td>
                  <td data-label={t('rn.plan.partner')}>{a.partner}</td>
                  <td data-label={t('rn.plan.dates')}>{dates(a)}</td>
                  <td data-label={t('rn.plan.cost')} className="num">
                    {money(a)}
                  </td>
                  <td data-label={t('rn.plan.status')}>
                    <Tag colour={a.status === 'done' ? 'green' : a.status === 'cancelled' ? 'grey' : 'blue'}>{labels.activityStatus(a.status)}</Tag>
                  </td>
                  {canUpdate ? (
                    <td data-label={t('common.actions')}>
                      <div className="rn-row-actions">
                        <Button variant="secondary" className="btn--small" onClick={() => setEditing(a)}>
                          {t('rn.plan.edit')}
                          <span className="visually-hidden"> {labels.response(a.response)}</span>
                        </Button>
                        {canPlan ? (
                          <Button variant="warning" className="btn--small" busy={busy === a.id} onClick={() => void removeActivity(a)}>
                            {t('rn.plan.remove')}
                            <span className="visually-hidden"> {labels.response(a.response)}</span>
                          </Button>
                        ) : null}
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canPlan && p.proposals.length > 0 ? (
        <section aria-labelledby="proposals-title">
          <h3 id="proposals-title">{t('rn.plan.proposals')}</h3>
          <p className="hint">{t('rn.plan.proposals.hint')}</p>
          <ul className="rn-proposals">
            {p.proposals.map((x) => {
              const key = `${x.need}:${x.response}`;
              return (
                <li key={key} className="rn-proposal">
                  <p className="rn-proposal__what">
                    <strong>{labels.response(x.response)}</strong> <span className="secondary">({labels.need(x.need)})</span>
                  </p>
                  <div className="rn-proposal__add">
                    <TextInput
                      id={`proposal-${key}`}
                      label={t('rn.plan.partnerFor', { response: labels.response(x.response) })}
                      value={proposalPartner[key] ?? ''}
                      onValue={(v) => setProposalPartner((old) => ({ ...old, [key]: v }))}
                      autoComplete="organization"
                      width="20"
                    />
                    <Button variant="secondary" busy={busy === key} onClick={() => void addProposal(x.need, x.response)}>
                      {t('rn.plan.addProposal')}
                      <span className="visually-hidden"> {labels.response(x.response)}</span>
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {canPlan && editing === null ? (
        <Button variant="secondary" onClick={() => setEditing('new')}>
          {t('rn.plan.addOther')}
        </Button>
      ) : null}
      {editing !== null ? (
        <ActivityForm
          key={editing === 'new' ? 'new' : editing.id}
          base={base}
          activity={editing === 'new' ? null : editing}
          progressOnly={!canPlan}
          onDone={(message) => {
            setEditing(null);
            if (message) refresh(message);
          }}
        />
      ) : null}
    </>
  );
}

function ActivityForm({ base, activity, progressOnly, onDone }: { base: string; activity: Activity | null; progressOnly: boolean; onDone: (message?: string) => void }) {
  const { t } = useI18n();
  const labels = useRnLabels();
  const [d, setD] = useState<Draft>(activity ? fromActivity(activity) : EMPTY);
  const save = useMutation((body: object) => (activity ? api.patch(`${base}/${encodeURIComponent(activity.id)}`, body) : api.post(base, body)), {
    fieldIds: { need: 'act-need', response: 'act-response', partner: 'act-partner', start_date: 'act-start', end_date: 'act-end', cost: 'act-cost', currency: 'act-currency', status: 'act-status', notes: 'act-notes' },
    generalTarget: progressOnly ? 'act-status' : 'act-need',
    onSuccess: () => onDone(t(activity ? 'rn.plan.saved' : 'rn.plan.added', { response: labels.response(d.response) })),
  });
  const { busy, errors } = save;
  const set = (k: keyof Draft) => (v: string) => setD((old) => ({ ...old, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problems: [string, string][] = [];
    if (!d.need) problems.push(['act-need', t('rn.plan.need.required')]);
    if (!d.response) problems.push(['act-response', t('rn.plan.response.required')]);
    if (!d.partner.trim()) problems.push(['act-partner', t('rn.plan.partner.required')]);
    if (d.start_date && d.end_date && d.end_date < d.start_date) problems.push(['act-end', t('rn.plan.end.beforeStart')]);
    const cost = parseAmount(d.cost);
    if (d.cost.trim() && (cost === null || cost < 0)) problems.push(['act-cost', t('rn.plan.cost.format')]);
    if (d.currency.trim() && !/^[A-Za-z]{3}$/.test(d.currency.trim())) problems.push(['act-currency', t('rn.plan.currency.format')]);
    if (cost !== null && !d.currency.trim()) problems.push(['act-currency', t('rn.plan.currency.required')]);
    if (errors.set(problems)) return;
    const progress = {
      start_date: d.start_date || null,
      end_date: d.end_date || null,
      cost,
      currency: d.currency.trim() ? d.currency.trim().toUpperCase() : null,
      status: d.status,
      notes: d.notes.trim() || null,
    };
    const body = progressOnly ? progress : { need: d.need, response: d.response, partner: d.partner.trim(), ...progress };
    await save.run(body);
  }

  const title = activity ? t('rn.plan.editTitle', { response: labels.response(activity.response) }) : t('rn.plan.addOther');
  return (
    <form className="rn-panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="activity-form-title">
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <h3 id="activity-form-title">{title}</h3>
      {progressOnly ? null : (
        <>
          <Select id="act-need" label={t('rn.plan.need')} value={d.need} onValue={set('need')} error={errors.field('act-need')} options={[{ value: '', label: t('rn.choose') }, ...NEED_CODES.map((n) => ({ value: n, label: labels.need(n) }))]} />
          <Select
            id="act-response"
            label={t('rn.plan.response')}
            value={d.response}
            onValue={set('response')}
            error={errors.field('act-response')}
            options={[{ value: '', label: t('rn.choose') }, ...RESPONSES.map((r) => ({ value: r, label: labels.response(r) }))]}
          />
          <TextInput id="act-partner" label={t('rn.plan.partner')} autoComplete="organization" value={d.partner} onValue={set('partner')} error={errors.field('act-partner')} width="20" />
        </>
      )}
      <div className="rn-filters__row">
        <TextInput id="act-start" type="date" label={t('rn.plan.start')} value={d.start_date} onValue={set('start_date')} error={errors.field('act-start')} width="10" />
        <TextInput id="act-end" type="date" label={t('rn.plan.end')} value={d.end_date} onValue={set('end_date')} error={errors.field('act-end')} width="10" />
      </div>
      <div className="rn-filters__row">
        <TextInput id="act-cost" label={t('rn.plan.cost')} inputMode="decimal" value={d.cost} onValue={set('cost')} error={errors.field('act-cost')} width="10" autoComplete="off" />
        <TextInput id="act-currency" label={t('rn.plan.currency')} hint={t('rn.plan.currency.hint')} maxLength={3} autoCapitalize="characters" value={d.currency} onValue={set('currency')} error={errors.field('act-currency')} width="4" autoComplete="off" />
      </div>
      <Select id="act-status" label={t('rn.plan.status')} value={d.status} onValue={set('status')} error={errors.field('act-status')} options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: labels.activityStatus(s) }))} />
      <Textarea id="act-notes" label={t('rn.plan.notes')} rows={3} value={d.notes} onValue={set('notes')} error={errors.field('act-notes')} />
      <ButtonGroup>
        <Button type="submit" busy={busy}>
          {t('rn.plan.save')}
        </Button>
        <Button variant="link" onClick={() => onDone()}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
