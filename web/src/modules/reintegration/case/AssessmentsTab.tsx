import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../../app/api';
import { Button } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Checkbox, CheckboxGroup, Fieldset, Radios, Select, Textarea, TextInput } from '../../../app/components/Field';
import { SummaryList } from '../../../app/components/Layout';
import { useMutation } from '../../../app/components/useMutation';
import { formatDateTime, formatNumber } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { useRnLabels } from '../labels';
import { parseAmount } from '../shared';
import {
  ASSESSMENT_KINDS,
  NEED_CODES,
  NEED_DIMENSIONS,
  NEEDS,
  PRIORITIES,
  REMITTANCE_USES,
  SAVINGS_PLACES,
  VULNERABILITY_FACTORS,
  VULNERABILITY_LEVELS,
  type Assessment,
  type AssessmentKind,
  type Case,
} from '../types';

type Answers = Record<string, unknown>;

/** The four assessments: what was taken (newest first), and a form for each kind. */
export function AssessmentsTab({ c, onChanged }: { c: Case; onChanged: (message?: string) => void }) {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const [kind, setKind] = useState<AssessmentKind | ''>('');
  const taken = [...c.assessments].sort((a, b) => b.assessed_at.localeCompare(a.assessed_at));
  const canAssess = c.allowed_actions.includes('assess');

  return (
    <>
      <h2>{t('rn.assess.title')}</h2>
      {taken.length === 0 ? <p>{t('rn.assess.none')}</p> : null}
      {taken.map((a) => (
        <section key={a.id} className="rn-card" aria-labelledby={`assessment-${a.id}`}>
          <h3 id={`assessment-${a.id}`}>
            {labels.kind(a.kind)} <span className="secondary rn-small">{formatDateTime(a.assessed_at, locale)}</span>
          </h3>
          <AnswersSummary a={a} />
        </section>
      ))}
      {canAssess ? (
        <>
          <h2>{t('rn.assess.add')}</h2>
          <Radios id="assessment-kind" legend={t('rn.assess.kind')} options={ASSESSMENT_KINDS.map((k) => ({ value: k, label: labels.kind(k) }))} value={kind} onValue={(v) => setKind(v as AssessmentKind)} />
          {kind ? <AssessmentForm key={kind} caseId={c.id} kind={kind} onSaved={() => {
            setKind('');
            onChanged(t('rn.assess.saved', { kind: labels.kind(kind) }));
          }} /> : null}
        </>
      ) : null}
    </>
  );
}

function AnswersSummary({ a }: { a: Assessment }) {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const x = a.answers;
  const list = (v: unknown, label: (s: string) => string) => (Array.isArray(v) && v.length ? v.map((s) => label(String(s))).join(', ') : '—');
  const bool = (v: unknown) => (v === true ? t('rn.yes') : v === false ? t('rn.no') : '—');
  const usd = (v: unknown) => (typeof v === 'number' ? formatNumber(v, locale, { style: 'currency', currency: 'USD' }) : '—');
  const text = (v: unknown) => (typeof v === 'string' && v ? v : '—');
  let rows: { key: ReactNode; value: ReactNode }[] = [];
  if (a.kind === 'vulnerability')
    rows = [
      { key: t('rn.assess.level'), value: typeof x.level === 'string' ? labels.level(x.level) : '—' },
      { key: t('rn.assess.factors'), value: list(x.factors, labels.factor) },
      { key: t('rn.assess.notes'), value: text(x.notes) },
    ];
  else if (a.kind === 'needs')
    rows = (Array.isArray(x.needs) ? (x.needs as { need: string; priority: string }[]) : []).map((n) => ({ key: labels.need(n.need), value: labels.priority(n.priority) }));
  else if (a.kind === 'skills')
    rows = [
      { key: t('rn.assess.occupation'), value: text(x.occupation) },
      { key: t('rn.assess.years'), value: typeof x.years === 'number' ? formatNumber(x.years, locale) : '—' },
      { key: t('rn.assess.certificates'), value: Array.isArray(x.certificates) && x.certificates.length ? (x.certificates as { title: string }[]).map((k) => k.title).join('; ') : '—' },
      { key: t('rn.assess.languages'), value: list(x.languages, (s) => s) },
      { key: t('rn.assess.wantsRecognition'), value: bool(x.wants_recognition) },
    ];
  else
    rows = [
      { key: t('rn.assess.received'), value: bool(x.family_received_remittances) },
      { key: t('rn.assess.monthly'), value: usd(x.monthly_amount_usd) },
      { key: t('rn.assess.uses'), value: list(x.uses, labels.use) },
      { key: t('rn.assess.savings'), value: x.has_savings === true ? usd(x.savings_usd) : bool(x.has_savings) },
      { key: t('rn.assess.heldIn'), value: list(x.savings_held_in, labels.place) },
      { key: t('rn.assess.debt'), value: x.has_debt_from_migration === true ? usd(x.debt_usd) : bool(x.has_debt_from_migration) },
      { key: t('rn.assess.stillReceives'), value: bool(x.still_receives_from_abroad) },
    ];
  return <SummaryList rows={rows} />;
}

function AssessmentForm({ caseId, kind, onSaved }: { caseId: string; kind: AssessmentKind; onSaved: () => void }) {
  const props = { caseId, onSaved };
  if (kind === 'vulnerability') return <VulnerabilityForm {...props} />;
  if (kind === 'needs') return <NeedsForm {...props} />;
  if (kind === 'skills') return <SkillsForm {...props} />;
  return <RemittancesForm {...props} />;
}

interface FormProps {
  caseId: string;
  onSaved: () => void;
}

/** What every assessment form shares: its messages, the saving, and the frame (summary, heading, button). */
function useAssessmentForm(kind: AssessmentKind, { caseId, onSaved }: FormProps) {
  const { t } = useI18n();
  const labels = useRnLabels();
  const assess = useMutation((answers: Answers) => api.post(`/reintegration/cases/${encodeURIComponent(caseId)}/assessments`, { kind, answers }), {
    // A path the form has no field for ("answers.needs.0.priority") points at the form's first field.
    fieldIds: { ...FIELD_IDS, answers: FIRST_FIELD[kind] },
    generalTarget: FIRST_FIELD[kind],
    onSuccess: () => onSaved(),
  });
  const { busy, errors } = assess;

  /** Checks `problems` first; saves `answers` when there are none. */
  async function save(problems: [string, string][], answers: () => Answers) {
    if (busy || errors.set(problems)) return;
    await assess.run(answers());
  }

  // A function, not a component: the form keeps its identity between renders (and the fields their focus).
  function frame(onSubmit: () => void, children: ReactNode) {
    return (
      <form
        className="rn-panel"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
        noValidate
        aria-labelledby="assessment-form-title"
      >
        <ErrorSummary items={errors.items} seq={errors.seq} />
        <h3 id="assessment-form-title">{labels.kind(kind)}</h3>
        {children}
        <Button type="submit" busy={busy}>
          {t('rn.assess.save')}
        </Button>
      </form>
    );
  }
  return { errors, save, frame };
}

const FIELD_IDS: Record<string, string> = {
  'answers.level': 'a-level',
  'answers.factors': 'a-factors',
  'answers.notes': 'a-notes',
  'answers.needs': `a-need-${NEED_CODES[0]}`,
  'answers.occupation': 'a-occupation',
  'answers.years': 'a-years',
  'answers.isco08': 'a-isco08',
  'answers.languages': 'a-languages',
  'answers.certificates': 'a-certificates',
  'answers.monthly_amount_usd': 'a-monthly',
  'answers.savings_usd': 'a-savings-amount',
  'answers.debt_usd': 'a-debt-amount',
};
const FIRST_FIELD: Record<AssessmentKind, string> = { vulnerability: 'a-level', needs: `a-need-${NEED_CODES[0]}`, skills: 'a-occupation', remittances: 'a-received' };

function VulnerabilityForm(props: FormProps) {
  const { t } = useI18n();
  const labels = useRnLabels();
  const { errors, save, frame } = useAssessmentForm('vulnerability', props);
  const [level, setLevel] = useState('');
  const [factors, setFactors] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const submit = () =>
    void save(level ? [] : [['a-level', t('rn.assess.level.required')]], () => ({
      level,
      factors: VULNERABILITY_FACTORS.filter((f) => factors.includes(f)),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    }));
  return frame(
    submit,
    <>
      <Radios id="a-level" inline legend={t('rn.assess.level')} options={VULNERABILITY_LEVELS.map((l) => ({ value: l, label: labels.level(l) }))} value={level} onValue={setLevel} error={errors.field('a-level')} />
      <CheckboxGroup id="a-factors" legend={t('rn.assess.factors')} options={VULNERABILITY_FACTORS.map((f) => ({ value: f, label: labels.factor(f) }))} value={factors} onValue={setFactors} error={errors.field('a-factors')} />
      <Textarea id="a-notes" label={t('rn.assess.notes')} hint={t('rn.assess.notes.hint')} rows={3} value={notes} onValue={setNotes} error={errors.field('a-notes')} />
    </>,
  );
}

function NeedsForm(props: FormProps) {
  const { t } = useI18n();
  const labels = useRnLabels();
  const { errors, save, frame } = useAssessmentForm('needs', props);
  const [priority, setPriority] = useState<Record<string, string>>({});
  const firstId = `a-need-${NEED_CODES[0]}`;
  const submit = () => {
    const needs = NEED_CODES.filter((n) => priority[n]).map((need) => ({ need, priority: priority[need] }));
    void save(needs.length ? [] : [[firstId, t('rn.assess.needs.required')]], () => ({ needs }));
  };
  const options = [{ value: '', label: t('rn.assess.needs.notNeeded') }, ...PRIORITIES.map((p) => ({ value: p, label: labels.priority(p) }))];
  return frame(
    submit,
    <>
      <p className="hint">{t('rn.assess.needs.hint')}</p>
      {NEED_DIMENSIONS.map((d) => (
        <Fieldset key={d} id={`a-dimension-${d}`} legend={labels.dimension(d)} error={d === NEED_DIMENSIONS[0] ? errors.field(firstId) : undefined}>
          <div className="rn-grid-fields">
            {NEED_CODES.filter((n) => NEEDS[n] === d).map((n) => (
              <Select key={n} id={`a-need-${n}`} label={labels.need(n)} value={priority[n] ?? ''} onValue={(v) => setPriority((old) => ({ ...old, [n]: v }))} options={options} />
            ))}
          </div>
        </Fieldset>
      ))}
    </>,
  );
}

function SkillsForm(props: FormProps) {
  const { t } = useI18n();
  const { errors, save, frame } = useAssessmentForm('skills', props);
  const [occupation, setOccupation] = useState('');
  const [years, setYears] = useState('');
  const [isco, setIsco] = useState('');
  const [certificates, setCertificates] = useState('');
  const [languages, setLanguages] = useState('');
  const [wants, setWants] = useState(false);
  const submit = () => {
    const codes = languages.split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
    const y = parseAmount(years);
    const problems: [string, string][] = [];
    if (!occupation.trim()) problems.push(['a-occupation', t('rn.assess.occupation.required')]);
    if (y === null || y < 0 || y > 70) problems.push(['a-years', t('rn.assess.years.range')]);
    if (isco.trim() && !/^\d{1,4}$/.test(isco.trim())) problems.push(['a-isco08', t('rn.assess.isco08.format')]);
    const bad = codes.find((c) => !/^[a-z]{2,3}$/.test(c));
    if (bad) problems.push(['a-languages', t('rn.assess.languages.format', { code: bad })]);
    void save(problems, () => ({
      occupation: occupation.trim(),
      years: y,
      ...(isco.trim() ? { isco08: isco.trim() } : {}),
      certificates: certificates.split('\n').map((s) => s.trim()).filter(Boolean).map((title) => ({ title })),
      languages: [...new Set(codes)],
      wants_recognition: wants,
    }));
  };
  return frame(
    submit,
    <>
      <TextInput id="a-occupation" label={t('rn.assess.occupation')} value={occupation} onValue={setOccupation} error={errors.field('a-occupation')} width="20" autoComplete="off" />
      <TextInput id="a-years" label={t('rn.assess.years')} inputMode="decimal" value={years} onValue={setYears} error={errors.field('a-years')} width="3" autoComplete="off" />
      <TextInput id="a-isco08" label={t('rn.assess.isco08')} hint={t('rn.assess.isco08.hint')} inputMode="numeric" maxLength={4} value={isco} onValue={setIsco} error={errors.field('a-isco08')} width="4" autoComplete="off" />
      <Textarea id="a-certificates" label={t('rn.assess.certificates')} hint={t('rn.assess.certificates.hint')} rows={3} value={certificates} onValue={setCertificates} error={errors.field('a-certificates')} />
      <TextInput id="a-languages" label={t('rn.assess.languages')} hint={t('rn.assess.languages.hint')} value={languages} onValue={setLanguages} error={errors.field('a-languages')} width="20" autoComplete="off" spellCheck={false} />
      <Checkbox id="a-wants" label={t('rn.assess.wantsRecognition')} checked={wants} onChecked={setWants} />
    </>,
  );
}

function RemittancesForm(props: FormProps) {
  const { t } = useI18n();
  const labels = useRnLabels();
  const { errors, save, frame } = useAssessmentForm('remittances', props);
  const [received, setReceived] = useState('');
  const [monthly, setMonthly] = useState('');
  const [uses, setUses] = useState<string[]>([]);
  const [hasSavings, setHasSavings] = useState('');
  const [savings, setSavings] = useState('');
  const [heldIn, setHeldIn] = useState<string[]>([]);
  const [hasDebt, setHasDebt] = useState('');
  const [debt, setDebt] = useState('');
  const [still, setStill] = useState('');
  const yesNo = [
    { value: 'yes', label: t('rn.yes') },
    { value: 'no', label: t('rn.no') },
  ];
  const submit = () => {
    const problems: [string, string][] = [];
    for (const [id, v] of [['a-received', received], ['a-has-savings', hasSavings], ['a-has-debt', hasDebt], ['a-still', still]] as const) if (!v) problems.push([id, t('rn.assess.answer.required')]);
    const amounts: Answers = {};
    for (const [key, text, id] of [['monthly_amount_usd', monthly, 'a-monthly'], ['savings_usd', savings, 'a-savings-amount'], ['debt_usd', debt, 'a-debt-amount']] as const) {
      if (!text.trim()) continue;
      const n = parseAmount(text);
      if (n === null || n < 0) problems.push([id, t('rn.assess.amount.format')]);
      else amounts[key] = n;
    }
    void save(problems, () => ({
      family_received_remittances: received === 'yes',
      uses: REMITTANCE_USES.filter((u) => uses.includes(u)),
      has_savings: hasSavings === 'yes',
      savings_held_in: SAVINGS_PLACES.filter((p) => heldIn.includes(p)),
      has_debt_from_migration: hasDebt === 'yes',
      still_receives_from_abroad: still === 'yes',
      ...amounts,
    }));
  };
  return frame(
    submit,
    <>
      <Radios id="a-received" inline legend={t('rn.assess.received')} options={yesNo} value={received} onValue={setReceived} error={errors.field('a-received')} />
      <TextInput id="a-monthly" label={t('rn.assess.monthly')} hint={t('rn.assess.usd.hint')} inputMode="decimal" value={monthly} onValue={setMonthly} error={errors.field('a-monthly')} width="10" autoComplete="off" />
      <CheckboxGroup id="a-uses" legend={t('rn.assess.uses')} options={REMITTANCE_USES.map((u) => ({ value: u, label: labels.use(u) }))} value={uses} onValue={setUses} />
      <Radios id="a-has-savings" inline legend={t('rn.assess.hasSavings')} options={yesNo} value={hasSavings} onValue={setHasSavings} error={errors.field('a-has-savings')} />
      <TextInput id="a-savings-amount" label={t('rn.assess.savingsAmount')} hint={t('rn.assess.usd.hint')} inputMode="decimal" value={savings} onValue={setSavings} error={errors.field('a-savings-amount')} width="10" autoComplete="off" />
      <CheckboxGroup id="a-held-in" legend={t('rn.assess.heldIn')} options={SAVINGS_PLACES.map((p) => ({ value: p, label: labels.place(p) }))} value={heldIn} onValue={setHeldIn} />
      <Radios id="a-has-debt" inline legend={t('rn.assess.hasDebt')} options={yesNo} value={hasDebt} onValue={setHasDebt} error={errors.field('a-has-debt')} />
      <TextInput id="a-debt-amount" label={t('rn.assess.debtAmount')} hint={t('rn.assess.usd.hint')} inputMode="decimal" value={debt} onValue={setDebt} error={errors.field('a-debt-amount')} width="10" autoComplete="off" />
      <Radios id="a-still" inline legend={t('rn.assess.stillReceives')} options={yesNo} value={still} onValue={setStill} error={errors.field('a-still')} />
    </>,
  );
}
