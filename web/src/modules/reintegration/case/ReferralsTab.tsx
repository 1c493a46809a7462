import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { Button } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Radios, Select, Textarea, TextInput } from '../../../app/components/Field';
import { Notice, SummaryList, Tag } from '../../../app/components/Layout';
import { useMutation } from '../../../app/components/useMutation';
import { formatDateTime } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { Link } from '../../../app/router';
import { useRnLabels } from '../labels';
import { casePath, REFERRAL_OUTCOMES, REFERRAL_RESPONSES, type Case, type Referral } from '../types';

/** The server's refusal of a referral for want of the person's consent to share with that partner (409 on `partner`). */
const isConsentRefusal = (err: unknown): err is ApiError => err instanceof ApiError && err.status === 409 && err.fields.some((f) => f.path === 'partner');

/**
 * Referrals to partner organisations. The server refers only when the person consented to sharing with that
 * partner; when it refuses, the page says so and links to recording that consent (then back here). Users holding
 * `consent.override` may instead give the reason to refer without it.
 */
export function ReferralsTab({ c, onChanged }: { c: Case; onChanged: (message?: string) => void }) {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const { can } = useAuth();
  const canRefer = c.allowed_actions.includes('refer');

  return (
    <>
      <h2>{t('rn.ref.title')}</h2>
      {c.referrals.length === 0 ? <p>{t('rn.ref.none')}</p> : null}
      {c.referrals.map((r) => (
        <section key={r.id} className="rn-card" aria-labelledby={`referral-${r.id}`}>
          <h3 id={`referral-${r.id}`}>
            {r.partner}: {r.service}
          </h3>
          <SummaryList
            rows={[
              { key: t('rn.ref.createdAt'), value: formatDateTime(r.created_at, locale) },
              {
                key: t('rn.ref.basis'),
                value: r.basis === 'consent' ? t('rn.ref.basis.consent') : t('rn.ref.basis.override', { reason: r.override_reason ?? '' }),
              },
              {
                key: t('rn.ref.response'),
                value: r.partner_response ? <Tag colour={r.partner_response === 'accepted' ? 'green' : 'red'}>{labels.partnerResponse(r.partner_response)}</Tag> : t('rn.ref.waiting'),
              },
              ...(r.outcome ? [{ key: t('rn.ref.outcome'), value: `${labels.outcome(r.outcome)}${r.outcome_notes ? ` – ${r.outcome_notes}` : ''}` }] : []),
            ]}
          />
          {canRefer && r.partner_response === null ? <ResponseForm caseId={c.id} r={r} onChanged={onChanged} /> : null}
          {canRefer && r.partner_response === 'accepted' && r.outcome === null ? <OutcomeForm caseId={c.id} r={r} onChanged={onChanged} /> : null}
        </section>
      ))}
      {canRefer ? <NewReferral c={c} canOverride={can('consent.override')} canRecordConsent={can('persons.write')} onChanged={onChanged} /> : null}
    </>
  );
}

function NewReferral({ c, canOverride, canRecordConsent, onChanged }: { c: Case; canOverride: boolean; canRecordConsent: boolean; onChanged: (message?: string) => void }) {
  const { t } = useI18n();
  const [partner, setPartner] = useState('');
  const [service, setService] = useState('');
  const [reason, setReason] = useState('');
  const [refused, setRefused] = useState<{ partner: string; message: string } | null>(null);
  const refer = useMutation((body: { partner: string; service: string; override_reason?: string }) => api.post(`/reintegration/cases/${encodeURIComponent(c.id)}/referrals`, body), {
    fieldIds: { partner: 'ref-partner', service: 'ref-service', override_reason: 'ref-reason' },
    generalTarget: 'ref-partner',
    onSuccess: (_, [body]) => {
      setRefused(null);
      onChanged(t('rn.ref.created', { partner: body.partner }));
      setPartner('');
      setService('');
      setReason('');
    },
    onError: (err) => {
      // Without consent for this partner the page offers to record it (or to override) instead of an error summary.
      setRefused(isConsentRefusal(err) ? { partner: partner.trim(), message: err.fields.find((f) => f.path === 'partner')?.message ?? err.message } : null);
      return isConsentRefusal(err);
    },
  });
  const { busy, errors } = refer;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problems: [string, string][] = [];
    if (!partner.trim()) problems.push(['ref-partner', t('rn.ref.partner.required')]);
    if (!service.trim()) problems.push(['ref-service', t('rn.ref.service.required')]);
    if (errors.set(problems)) return;
    await refer.run({ partner: partner.trim(), service: service.trim(), ...(canOverride && reason.trim() ? { override_reason: reason.trim() } : {}) });
  }

  const consentLink = (who: string) =>
    c.person
      ? `/persons/${encodeURIComponent(c.person.id)}/consents/new?purpose=sharing&partner=${encodeURIComponent(who)}&next=${encodeURIComponent(casePath(c.id, 'referrals'))}`
      : null;
  const link = refused ? consentLink(refused.partner) : null;

  return (
    <form className="rn-panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-referral-title">
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <h3 id="new-referral-title">{t('rn.ref.new')}</h3>
      {refused ? (
        <Notice tone="warning" title={t('rn.ref.noConsent.title')} live>
          <p>{refused.message}</p>
          {link && canRecordConsent ? (
            <p>
              <Link to={link}>{t('rn.ref.noConsent.record', { partner: refused.partner })}</Link>
            </p>
          ) : null}
          {canOverride ? <p>{t('rn.ref.noConsent.override')}</p> : null}
        </Notice>
      ) : null}
      <TextInput id="ref-partner" label={t('rn.ref.partner')} hint={t('rn.ref.partner.hint')} autoComplete="organization" value={partner} onValue={setPartner} error={errors.field('ref-partner')} width="20" />
      <TextInput id="ref-service" label={t('rn.ref.service')} value={service} onValue={setService} error={errors.field('ref-service')} width="20" autoComplete="off" />
      {canOverride ? <Textarea id="ref-reason" label={t('rn.ref.overrideReason')} hint={t('rn.ref.overrideReason.hint')} rows={3} value={reason} onValue={setReason} error={errors.field('ref-reason')} /> : null}
      <Button type="submit" busy={busy}>
        {t('rn.ref.submit')}
      </Button>
    </form>
  );
}

function ResponseForm({ caseId, r, onChanged }: { caseId: string; r: Referral; onChanged: (message?: string) => void }) {
  const { t } = useI18n();
  const labels = useRnLabels();
  const [response, setResponse] = useState('');
  const [notes, setNotes] = useState('');
  const id = `resp-${r.id}`;
  const save = useMutation(
    (body: { response: string; notes?: string }) => api.post(`/reintegration/cases/${encodeURIComponent(caseId)}/referrals/${encodeURIComponent(r.id)}/response`, body),
    {
      fieldIds: { response: id, notes: `${id}-notes` },
      generalTarget: id,
      onSuccess: (_, [body]) => onChanged(t('rn.ref.responded', { partner: r.partner, response: labels.partnerResponse(body.response) })),
    },
  );
  const { busy, errors } = save;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || errors.set(response ? [] : [[id, t('rn.ref.response.required')]])) return;
    await save.run({ response, ...(notes.trim() ? { notes: notes.trim() } : {}) });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('rn.ref.response.record', { partner: r.partner })}>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <Radios id={id} inline legend={t('rn.ref.response.legend', { partner: r.partner })} options={REFERRAL_RESPONSES.map((x) => ({ value: x, label: labels.partnerResponse(x) }))} value={response} onValue={setResponse} error={errors.field(id)} />
      <TextInput id={`${id}-notes`} label={t('rn.ref.notes')} hint={t('common.optional')} value={notes} onValue={setNotes} width="20" autoComplete="off" />
      <Button type="submit" variant="secondary" busy={busy}>
        {t('rn.ref.response.save')}
      </Button>
    </form>
  );
}

function OutcomeForm({ caseId, r, onChanged }: { caseId: string; r: Referral; onChanged: (message?: string) => void }) {
  const { t } = useI18n();
  const labels = useRnLabels();
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const id = `outcome-${r.id}`;
  const save = useMutation(
    (body: { outcome: string; notes?: string }) => api.post(`/reintegration/cases/${encodeURIComponent(caseId)}/referrals/${encodeURIComponent(r.id)}/outcome`, body),
    {
      fieldIds: { outcome: id, notes: `${id}-notes` },
      generalTarget: id,
      onSuccess: () => onChanged(t('rn.ref.outcomeSaved', { partner: r.partner })),
    },
  );
  const { busy, errors } = save;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || errors.set(outcome ? [] : [[id, t('rn.ref.outcome.required')]])) return;
    await save.run({ outcome, ...(notes.trim() ? { notes: notes.trim() } : {}) });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('rn.ref.outcome.record', { partner: r.partner })}>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <Select id={id} label={t('rn.ref.outcome.label', { partner: r.partner })} value={outcome} onValue={setOutcome} error={errors.field(id)} options={[{ value: '', label: t('rn.choose') }, ...REFERRAL_OUTCOMES.map((x) => ({ value: x, label: labels.outcome(x) }))]} />
      <TextInput id={`${id}-notes`} label={t('rn.ref.notes')} hint={t('common.optional')} value={notes} onValue={setNotes} width="20" autoComplete="off" />
      <Button type="submit" variant="secondary" busy={busy}>
        {t('rn.ref.outcome.save')}
      </Button>
    </form>
  );
}
