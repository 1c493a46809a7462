import { useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../../app/api';
import { Button, ButtonLink } from '../../../app/components/Button';
import { Radios, Select, TextInput, Textarea } from '../../../app/components/Field';
import type { FormErrors } from '../../../app/components/useFormErrors';
import { useMutation } from '../../../app/components/useMutation';
import { useI18n } from '../../../app/i18n';
import { currentQuarter, parseAmount } from './calc';
import { AttachmentsInput, useProjectLabels } from './shared';
import type { Attachment, Project } from './types';

interface ActionProps {
  project: Project;
  errors: FormErrors;
  onDone: (p: Project, message: string) => void;
  /** a refused step: the page drops its last success message, which no longer describes the page */
  onFail: () => void;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A fresh key per contribution form: a retried or double-sent request is recorded once (docs/api.md). */
function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The forms for what the user may do now (`allowed_actions`); one page-level error summary serves them all. */
export function ProjectActions({ project, errors, onDone, onFail }: ActionProps) {
  const { t } = useI18n();
  const actions = project.allowed_actions;
  if (actions.length === 0) return null;
  const base = `/remittances/projects/${encodeURIComponent(project.id)}`;
  // keyed by the project's state, so a form starts empty again after each recorded step
  const k = `${project.status}-${project.contributions.length}-${project.progress.length}`;
  const props = { project, errors, onDone, onFail };
  return (
    <section aria-labelledby="actions-heading" className="rp-actions">
      <h2 id="actions-heading">{t('rp.actions.title')}</h2>
      {actions.includes('edit') || actions.includes('resubmit') ? <Returned {...props} base={base} /> : null}
      {actions.includes('check') ? <CheckForm key={`check-${k}`} {...props} /> : null}
      {actions.includes('score') ? (
        <Action title={t('rp.action.score')}>
          <p>{t('rp.actions.scoreLead')}</p>
          <ButtonLink to={`${base}/score`}>{t('rp.actions.openSheet')}</ButtonLink>
        </Action>
      ) : null}
      {actions.includes('decide') ? <DecisionForm key={`decide-${k}`} {...props} /> : null}
      {actions.includes('sign') ? <AgreementForm key={`sign-${k}`} {...props} /> : null}
      {actions.includes('contribute') ? <ContributionForm key={`contribute-${k}`} {...props} /> : null}
      {actions.includes('report') ? <ProgressForm key={`report-${k}`} {...props} /> : null}
      {actions.includes('close') ? <CloseForm key={`close-${k}`} {...props} /> : null}
    </section>
  );
}

function Action({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="rp-action">
      <h3>{title}</h3>
      {children}
    </div>
  );
}

/** Sends one action; field problems go beside the fields (ids prefixed by the form), the rest to the summary. */
function useSend({ project, errors, onDone, onFail }: ActionProps, prefix: string) {
  const mutation = useMutation(
    (path: string, body: unknown, _message: (p: Project) => string) => api.post<Project>(`/remittances/projects/${encodeURIComponent(project.id)}/${path}`, body),
    {
      onSuccess: (updated, [, , message]) => onDone(updated, message(updated)),
      // The project's forms share one summary (`errors`, the page's): the problems go there.
      onError: (err) => {
        // a field of this form is named beside it; anything else (a 409's `status`) goes with the form's button
        const fieldIds: Record<string, string> = {};
        if (err instanceof ApiError)
          for (const f of err.fields) {
            const id = `${prefix}-${f.path.split(/[.[]/)[0]}`;
            fieldIds[f.path] = document.getElementById(id) ? id : `${prefix}-submit`;
          }
        onFail();
        errors.fromApi(err, { fieldIds, generalTarget: `${prefix}-submit` });
        return true;
      },
    },
  );
  return { busy: mutation.busy, send: mutation.run };
}

function Returned(props: ActionProps & { base: string }) {
  const { t } = useI18n();
  const { project, base } = props;
  const { busy, send } = useSend(props, 'resubmit');
  return (
    <Action title={t('rp.actions.returnedTitle')}>
      <p>{t('rp.actions.returnedLead')}</p>
      <div className="btn-group">
        {project.allowed_actions.includes('edit') ? (
          <ButtonLink to={`${base}/edit`} variant="secondary">
            {t('rp.action.edit')}
          </ButtonLink>
        ) : null}
        {project.allowed_actions.includes('resubmit') ? (
          <Button id="resubmit-submit" busy={busy} onClick={() => void send('resubmit', {}, (p) => t('rp.done.resubmitted', { reference: p.reference }))}>
            {t('rp.action.resubmit')}
          </Button>
        ) : null}
      </div>
    </Action>
  );
}

function CheckForm(props: ActionProps) {
  const { t } = useI18n();
  const { errors } = props;
  const { busy, send } = useSend(props, 'check');
  const [complete, setComplete] = useState('');
  const [missing, setMissing] = useState('');
  const [note, setNote] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    const items = missing.split('\n').map((s) => s.trim()).filter(Boolean);
    const p: [string, string][] = [];
    if (!complete) p.push(['check-complete', t('rp.check.complete.required')]);
    if (complete === 'no' && items.length === 0) p.push(['check-missing', t('rp.check.missing.required')]);
    if (errors.set(p)) return;
    void send(
      'check',
      { complete: complete === 'yes', ...(complete === 'no' ? { missing: items } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
      (u) => (u.status === 'in_review' ? t('rp.done.checkedComplete') : t('rp.done.returned')),
    );
  }

  return (
    <Action title={t('rp.action.check')}>
      <form onSubmit={submit} noValidate>
        <Radios
          id="check-complete"
          legend={t('rp.check.question')}
          value={complete}
          onValue={setComplete}
          error={errors.field('check-complete')}
          options={[
            { value: 'yes', label: t('rp.check.yes') },
            { value: 'no', label: t('rp.check.no') },
          ]}
        />
        {complete === 'no' ? <Textarea id="check-missing" label={t('rp.check.missing')} hint={t('rp.check.missing.hint')} value={missing} onValue={setMissing} error={errors.field('check-missing')} rows={4} /> : null}
        <Textarea id="check-note" label={t('rp.check.note')} hint={t('common.optional')} value={note} onValue={setNote} error={errors.field('check-note')} rows={3} />
        <Button type="submit" id="check-submit" busy={busy}>
          {t('rp.check.submit')}
        </Button>
      </form>
    </Action>
  );
}

function DecisionForm(props: ActionProps) {
  const { t } = useI18n();
  const { errors, project } = props;
  const l = useProjectLabels();
  const { busy, send } = useSend(props, 'decision');
  const [decision, setDecision] = useState('');
  const [reasons, setReasons] = useState('');
  const [minutes, setMinutes] = useState('');
  const [file, setFile] = useState<Attachment[]>([]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const p: [string, string][] = [];
    if (!decision) p.push(['decision-decision', t('rp.decision.decision.required')]);
    if (!reasons.trim()) p.push(['decision-reasons', t('rp.decision.reasons.required')]);
    if (!minutes.trim()) p.push(['decision-minutes', t('rp.decision.minutes.required')]);
    if (errors.set(p)) return;
    void send(
      'decision',
      { decision, reasons: reasons.trim(), minutes: minutes.trim(), ...(file[0] ? { minutes_attachment_id: file[0].id } : {}) },
      (u) => (u.status === 'approved' ? t('rp.done.approved') : t('rp.done.rejected')),
    );
  }

  const s = project.scores;
  return (
    <Action title={t('rp.action.decide')}>
      <p>
        {s.sheets.length === 0
          ? t('rp.decision.noSheets')
          : t('rp.decision.committee', { count: s.sheets.length, mean: l.score(s.mean), min: l.score(project.scheme.min_score) })}
      </p>
      <form onSubmit={submit} noValidate>
        <Radios
          id="decision-decision"
          legend={t('rp.decision.question')}
          value={decision}
          onValue={setDecision}
          error={errors.field('decision-decision')}
          options={[
            { value: 'approved', label: t('rp.decision.approve') },
            { value: 'rejected', label: t('rp.decision.reject') },
          ]}
        />
        <Textarea id="decision-reasons" label={t('rp.decision.reasons')} hint={t('rp.decision.reasons.hint')} value={reasons} onValue={setReasons} error={errors.field('decision-reasons')} rows={4} />
        <Textarea id="decision-minutes" label={t('rp.decision.minutes')} hint={t('rp.decision.minutes.hint')} value={minutes} onValue={setMinutes} error={errors.field('decision-minutes')} rows={4} />
        <AttachmentsInput id="decision-minutes_attachment_id" label={t('rp.decision.minutesFile')} hint={t('common.optional')} multiple={false} value={file} onChange={setFile} error={errors.field('decision-minutes_attachment_id')} />
        <Button type="submit" id="decision-submit" busy={busy}>
          {t('rp.decision.submit')}
        </Button>
      </form>
    </Action>
  );
}

function AgreementForm(props: ActionProps) {
  const { t } = useI18n();
  const { errors } = props;
  const { busy, send } = useSend(props, 'agreement');
  const [number, setNumber] = useState('');
  const [signedOn, setSignedOn] = useState(today());
  const [file, setFile] = useState<Attachment[]>([]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const p: [string, string][] = [];
    if (!number.trim()) p.push(['agreement-agreement_number', t('rp.agreement.number.required')]);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(signedOn)) p.push(['agreement-signed_on', t('rp.agreement.signedOn.required')]);
    if (errors.set(p)) return;
    void send('agreement', { agreement_number: number.trim(), signed_on: signedOn, ...(file[0] ? { attachment_id: file[0].id } : {}) }, () => t('rp.done.signed'));
  }

  return (
    <Action title={t('rp.action.sign')}>
      <form onSubmit={submit} noValidate>
        <TextInput id="agreement-agreement_number" label={t('rp.agreement.number')} value={number} onValue={setNumber} error={errors.field('agreement-agreement_number')} width="20" />
        <TextInput id="agreement-signed_on" type="date" label={t('rp.agreement.signedOn')} value={signedOn} onValue={setSignedOn} error={errors.field('agreement-signed_on')} width="10" />
        <AttachmentsInput id="agreement-attachment_id" label={t('rp.agreement.file')} hint={t('common.optional')} multiple={false} value={file} onChange={setFile} error={errors.field('agreement-attachment_id')} />
        <Button type="submit" id="agreement-submit" busy={busy}>
          {t('rp.agreement.submit')}
        </Button>
      </form>
    </Action>
  );
}

function ContributionForm(props: ActionProps) {
  const { t, lang, locale } = useI18n();
  const l = useProjectLabels();
  const { errors, project } = props;
  const { busy, send } = useSend(props, 'contribution');
  const [party, setParty] = useState('');
  const [amount, setAmount] = useState('');
  const [receivedOn, setReceivedOn] = useState(today());
  const [reference, setReference] = useState('');
  // one key per contribution: kept while the user retries the same one, renewed when the form starts again
  const [key] = useState(newKey);

  function submit(e: FormEvent) {
    e.preventDefault();
    const value = parseAmount(amount, locale);
    const p: [string, string][] = [];
    if (!party) p.push(['contribution-party', t('rp.contribution.party.required')]);
    if (value === null || value <= 0) p.push(['contribution-amount', t('rp.contribution.amount.invalid')]);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(receivedOn)) p.push(['contribution-received_on', t('rp.contribution.receivedOn.required')]);
    if (!reference.trim()) p.push(['contribution-reference', t('rp.contribution.reference.required')]);
    if (errors.set(p)) return;
    void send('contributions', { party, amount: value, received_on: receivedOn, reference: reference.trim(), idempotency_key: key }, () =>
      t('rp.done.contribution', { amount: l.money(value!, project.currency) }),
    );
  }

  const options = project.commitments.map((c) => ({
    value: c.party,
    label: t('rp.contribution.partyOption', { party: lang === 'es' ? c.party_name_es : c.party_name_en || c.party_name_es, remaining: l.money(c.remaining, project.currency) }),
  }));
  return (
    <Action title={t('rp.action.contribute')}>
      <form onSubmit={submit} noValidate>
        <Select id="contribution-party" label={t('rp.contribution.party')} value={party} onValue={setParty} error={errors.field('contribution-party')} options={[{ value: '', label: t('rp.form.choose') }, ...options]} />
        <TextInput
          id="contribution-amount"
          label={t('rp.contribution.amountIn', { currency: project.currency })}
          inputMode="decimal"
          value={amount}
          onValue={setAmount}
          error={errors.field('contribution-amount')}
          width="10"
        />
        <TextInput id="contribution-received_on" type="date" label={t('rp.contribution.receivedOn')} value={receivedOn} onValue={setReceivedOn} error={errors.field('contribution-received_on')} width="10" />
        <TextInput id="contribution-reference" label={t('rp.contribution.reference')} hint={t('rp.contribution.reference.hint')} value={reference} onValue={setReference} error={errors.field('contribution-reference')} width="20" />
        <Button type="submit" id="contribution-submit" busy={busy}>
          {t('rp.contribution.submit')}
        </Button>
      </form>
    </Action>
  );
}

function ProgressForm(props: ActionProps) {
  const { t, locale } = useI18n();
  const { errors, project } = props;
  const { busy, send } = useSend(props, 'progress');
  const [period, setPeriod] = useState(currentQuarter());
  const [pct, setPct] = useState('');
  const [spent, setSpent] = useState('');
  const [narrative, setNarrative] = useState('');
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const last = project.progress[project.progress.length - 1];

  function submit(e: FormEvent) {
    e.preventDefault();
    const physical = parseAmount(pct, locale);
    const money = parseAmount(spent, locale);
    const p: [string, string][] = [];
    if (!/^\d{4}Q[1-4]$/.test(period.trim())) p.push(['progress-period', t('rp.progress.period.invalid')]);
    if (physical === null || physical < 0 || physical > 100) p.push(['progress-physical_pct', t('rp.progress.physical.invalid')]);
    if (money === null || money < 0) p.push(['progress-spent', t('rp.progress.spent.invalid')]);
    if (!narrative.trim()) p.push(['progress-narrative', t('rp.progress.narrative.required')]);
    if (errors.set(p)) return;
    void send(
      'progress',
      { period: period.trim(), physical_pct: physical, spent: money, narrative: narrative.trim(), ...(photos.length ? { photo_ids: photos.map((x) => x.id) } : {}) },
      () => t('rp.done.progress', { period: period.trim() }),
    );
  }

  return (
    <Action title={t('rp.action.report')}>
      {last ? <p className="secondary">{t('rp.progress.lastWas', { period: last.period, pct: last.physical_pct })}</p> : null}
      <form onSubmit={submit} noValidate>
        <TextInput id="progress-period" label={t('rp.progress.period')} hint={t('rp.progress.period.hint')} value={period} onValue={setPeriod} error={errors.field('progress-period')} width="10" />
        <TextInput id="progress-physical_pct" label={t('rp.progress.physicalInput')} hint={t('rp.progress.physical.hint')} inputMode="decimal" value={pct} onValue={setPct} error={errors.field('progress-physical_pct')} width="5" />
        <TextInput id="progress-spent" label={t('rp.progress.spentInput', { currency: project.currency })} hint={t('rp.progress.spent.hint')} inputMode="decimal" value={spent} onValue={setSpent} error={errors.field('progress-spent')} width="10" />
        <Textarea id="progress-narrative" label={t('rp.progress.narrative')} hint={t('rp.progress.narrative.hint')} value={narrative} onValue={setNarrative} error={errors.field('progress-narrative')} rows={4} />
        <AttachmentsInput id="progress-photo_ids" label={t('rp.progress.photos')} hint={t('common.optional')} images value={photos} onChange={setPhotos} error={errors.field('progress-photo_ids')} />
        <Button type="submit" id="progress-submit" busy={busy}>
          {t('rp.progress.submit')}
        </Button>
      </form>
    </Action>
  );
}

function CloseForm(props: ActionProps) {
  const { t } = useI18n();
  const { errors } = props;
  const { busy, send } = useSend(props, 'close');
  const [beneficiaries, setBeneficiaries] = useState('');
  const [jobs, setJobs] = useState('');
  const [outcome, setOutcome] = useState('');
  const [photos, setPhotos] = useState<Attachment[]>([]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const p: [string, string][] = [];
    if (!/^\d+$/.test(beneficiaries.trim())) p.push(['close-beneficiaries', t('rp.closure.beneficiaries.invalid')]);
    if (!/^\d+$/.test(jobs.trim())) p.push(['close-jobs_created', t('rp.closure.jobs.invalid')]);
    if (!outcome.trim()) p.push(['close-outcome', t('rp.closure.outcome.required')]);
    if (errors.set(p)) return;
    void send(
      'close',
      { beneficiaries: Number(beneficiaries), jobs_created: Number(jobs), outcome: outcome.trim(), ...(photos.length ? { photo_ids: photos.map((x) => x.id) } : {}) },
      () => t('rp.done.closed'),
    );
  }

  return (
    <Action title={t('rp.action.close')}>
      <form onSubmit={submit} noValidate>
        <TextInput id="close-beneficiaries" label={t('rp.closure.beneficiaries')} inputMode="numeric" value={beneficiaries} onValue={setBeneficiaries} error={errors.field('close-beneficiaries')} width="10" />
        <TextInput id="close-jobs_created" label={t('rp.closure.jobs')} inputMode="numeric" value={jobs} onValue={setJobs} error={errors.field('close-jobs_created')} width="10" />
        <Textarea id="close-outcome" label={t('rp.closure.outcome')} hint={t('rp.closure.outcome.hint')} value={outcome} onValue={setOutcome} error={errors.field('close-outcome')} rows={4} />
        <AttachmentsInput id="close-photo_ids" label={t('rp.closure.photos')} hint={t('common.optional')} images value={photos} onChange={setPhotos} error={errors.field('close-photo_ids')} />
        <Button type="submit" id="close-submit" busy={busy}>
          {t('rp.closure.submit')}
        </Button>
      </form>
    </Action>
  );
}
