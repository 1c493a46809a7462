import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { Button, ButtonGroup } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Radios, Textarea } from '../../../app/components/Field';
import { useMutation } from '../../../app/components/useMutation';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { useRnLabels } from '../labels';
import { downloadJson } from '../../../app/download';
import { CLOSURE_REASONS, type Case } from '../types';
import { StepUpForm, type StepUpProof } from '../../../app/components/StepUpForm';

/**
 * Submitting the plan is one click. The other steps open a small form: a supervisor's decision takes a note (required
 * when returning or refusing, so the caseworker knows why), a closure its reason, the export the password or a
 * second-factor code again.
 */
const DIRECT = {
  submit_plan: { path: 'plan/submit', label: 'rn.action.submit_plan', done: 'rn.action.submit_plan.done' },
} as const satisfies Record<string, { path: string; label: MessageKey; done: MessageKey }>;
type Direct = keyof typeof DIRECT;
type Decision = 'approve_plan' | 'return_plan' | 'request_closure' | 'approve_closure' | 'refuse_closure';
type WithForm = Decision | 'export';
const DECISIONS = ['approve_plan', 'return_plan', 'request_closure', 'approve_closure', 'refuse_closure'] as const satisfies readonly Decision[];

const DECISION_FORMS: Record<Decision, { path: string; label: MessageKey; done: MessageKey; noteRequired: boolean }> = {
  approve_plan: { path: 'plan/approve', label: 'rn.action.approve_plan', done: 'rn.action.approve_plan.done', noteRequired: false },
  return_plan: { path: 'plan/return', label: 'rn.action.return_plan', done: 'rn.action.return_plan.done', noteRequired: true },
  request_closure: { path: 'closure', label: 'rn.action.request_closure', done: 'rn.action.request_closure.done', noteRequired: false },
  approve_closure: { path: 'closure/approve', label: 'rn.action.approve_closure', done: 'rn.action.approve_closure.done', noteRequired: false },
  refuse_closure: { path: 'closure/refuse', label: 'rn.action.refuse_closure', done: 'rn.action.refuse_closure.done', noteRequired: true },
};
const formLabel = (action: WithForm): MessageKey => (action === 'export' ? 'rn.action.export' : DECISION_FORMS[action].label);

/**
 * The lifecycle steps the user may take now, from the case's `allowed_actions` (the server's state machine), and
 * the export (which asks for the password or a second-factor code again). Each answer is the case as it now is.
 */
export function CaseActions({ c, onCase }: { c: Case; onCase: (c: Case, message: string) => void }) {
  const { t } = useI18n();
  const labels = useRnLabels();
  const [open, setOpen] = useState<WithForm | null>(null);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const base = `/reintegration/cases/${encodeURIComponent(c.id)}`;
  const step = useMutation((path: string, _done: MessageKey, body?: Record<string, string>) => api.post<Case>(`${base}/${path}`, body), {
    fieldIds: { note: 'action-note', reason: 'action-reason' },
    onSuccess: (updated, [, done]) => onCase(updated, t(done)),
  });
  const { busy, errors } = step;
  const allowed = new Set(c.allowed_actions);

  const direct = (Object.keys(DIRECT) as Direct[]).filter((a) => allowed.has(a));
  const forms = DECISIONS.filter((a) => allowed.has(a));

  function start(action: WithForm) {
    errors.clear();
    setNote('');
    setReason('');
    setOpen(action);
  }

  async function run(action: Direct) {
    errors.clear();
    await step.run(DIRECT[action].path, DIRECT[action].done);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || !open || open === 'export') return;
    const form = DECISION_FORMS[open];
    const problems: [string, string][] = [];
    if (form.noteRequired && !note.trim()) problems.push(['action-note', t('rn.action.note.required')]);
    if (open === 'request_closure' && !reason) problems.push(['action-reason', t('rn.action.reason.required')]);
    if (errors.set(problems)) return;
    const body = { ...(open === 'request_closure' && { reason }), ...(note.trim() && { note: note.trim() }) };
    if (await step.run(form.path, form.done, body)) setOpen(null);
  }

  async function exportCase(proof: StepUpProof) {
    const data = await api.post<unknown>(`${base}/export`, proof);
    downloadJson(`case-${c.reference}.json`, data);
    setOpen(null);
    onCase(c, t('rn.action.export.done'));
  }

  return (
    <section className="rn-actions" aria-labelledby="rn-actions-title">
      <h2 id="rn-actions-title" className="visually-hidden">
        {t('rn.action.title')}
      </h2>
      {open ? null : <ErrorSummary items={errors.items} seq={errors.seq} />}
      <ButtonGroup>
        {direct.map((a) => (
          <Button key={a} busy={busy} onClick={() => void run(a)}>
            {t(DIRECT[a].label)}
          </Button>
        ))}
        {forms.map((a) => (
          <Button key={a} variant={DECISION_FORMS[a].noteRequired ? 'secondary' : 'primary'} aria-expanded={open === a} onClick={() => start(a)}>
            {t(DECISION_FORMS[a].label)}
          </Button>
        ))}
        {c.erased ? null : (
          <Button variant="secondary" aria-expanded={open === 'export'} onClick={() => start('export')}>
            {t(formLabel('export'))}
          </Button>
        )}
      </ButtonGroup>
      {open === 'export' ? (
        <StepUpForm className="rn-panel" id="action" title={t(formLabel('export'))} intro={t('rn.action.export.body')} submitLabel={t('rn.action.export.confirm')} onProof={exportCase} onCancel={() => setOpen(null)} />
      ) : open ? (
        <form className="rn-panel" onSubmit={(e) => void submit(e)} noValidate aria-label={t(formLabel(open))}>
          <ErrorSummary items={errors.items} seq={errors.seq} />
          <h3>{t(formLabel(open))}</h3>
          {open === 'request_closure' ? (
            <Radios id="action-reason" legend={t('rn.action.reason')} options={CLOSURE_REASONS.map((r) => ({ value: r, label: labels.closure(r) }))} value={reason} onValue={setReason} error={errors.field('action-reason')} />
          ) : null}
          {(open === 'approve_closure' || open === 'refuse_closure') && c.closure_reason ? (
            <p>
              <strong>{t('rn.case.closureReason')}:</strong> {labels.closure(c.closure_reason)}
              {c.closure_note ? ` (${c.closure_note})` : null}
            </p>
          ) : null}
          <Textarea id="action-note" label={DECISION_FORMS[open].noteRequired ? t('rn.action.note') : t('rn.action.note.optional')} rows={3} value={note} onValue={setNote} error={errors.field('action-note')} />
          <ButtonGroup>
            <Button type="submit" busy={busy}>
              {t('rn.action.confirm')}
            </Button>
            <Button variant="link" onClick={() => setOpen(null)}>
              {t('common.cancel')}
            </Button>
          </ButtonGroup>
        </form>
      ) : null}
    </section>
  );
}
