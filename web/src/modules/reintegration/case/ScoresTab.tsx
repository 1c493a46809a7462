import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { Button, ButtonGroup } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Radios, Select, TextInput } from '../../../app/components/Field';
import { Loading, Notice, Table, Tag } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useMutation } from '../../../app/components/useMutation';
import { formatDate } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { Link } from '../../../app/router';
import { useRnLabels } from '../labels';
import { ScoreBars } from '../scores/ScoreBars';
import { useScoreFormat } from '../scores/format';
import { MEASURES, type Instrument, type Occasion, type Score, type Scores } from '../scores/types';
import { localToday } from '../types';
import '../scores/scores.css';

export interface ScoresTabProps {
  caseId: string;
  /** `allowed_actions` of the case (the tab offers "take the survey" when it holds `score`). */
  allowedActions: readonly string[];
  followUps: readonly { id: string; scheduled_on: string; done_on: string | null }[];
  /** Called after a score is recorded, so the case page reloads. */
  onChanged: () => void;
}

/** The case's sustainability scores over time, the change since the first, and the survey when the case allows it. */
export default function ScoresTab({ caseId, allowedActions, followUps, onChanged }: ScoresTabProps) {
  const { t } = useI18n();
  const f = useScoreFormat();
  const scores = useApi<Scores>(`/reintegration/cases/${encodeURIComponent(caseId)}/scores`);
  const [taking, setTaking] = useState(false);
  const [saved, setSaved] = useState('');
  const canScore = allowedActions.includes('score');
  // When the form closes, the focus goes where the reader continues: the message after saving, the button after cancelling.
  const savedRef = useRef<HTMLDivElement>(null);
  const takeRef = useRef<HTMLButtonElement>(null);
  const focusLater = (el: () => HTMLElement | null) => requestAnimationFrame(() => el()?.focus());

  if (!scores.data && scores.loading) return <Loading />;
  if (!scores.data)
    return (
      <Notice tone="error" live>
        <p>{scores.error?.message}</p>
      </Notice>
    );
  const { items, change } = scores.data;
  const scoredFollowUps = new Set(items.map((s) => s.follow_up_id).filter(Boolean));
  // A follow-up can be scored once it has been recorded, and only once.
  const open = followUps.filter((fu) => fu.done_on !== null && !scoredFollowUps.has(fu.id));
  const hasPlanScore = items.some((s) => s.occasion === 'plan');

  return (
    <>
      <h2>{t('rn.scores.title')}</h2>
      <div role="status" ref={savedRef} tabIndex={-1}>
        {saved ? (
          <Notice tone="success">
            <p>{saved}</p>
          </Notice>
        ) : null}
      </div>
      {items.length === 0 ? <p>{t('rn.scores.none')}</p> : null}
      {change ? <Change change={change} /> : null}
      {items.length > 0 ? (
        <>
          <h3>{t('rn.scores.overTime')}</h3>
          <div className="rn-score-panels">
            {MEASURES.map((m) => (
              <ScoreBars
                key={m}
                title={f.measure(m)}
                threshold={m === 'composite' ? (items[items.length - 1]?.threshold ?? null) : null}
                bars={items.map((s) => ({ key: s.id, label: f.day(s.taken_on), value: s[m] }))}
              />
            ))}
          </div>
          <ScoreTable items={items} />
        </>
      ) : null}
      {canScore && !taking ? (
        <ButtonGroup>
          {/* A plain button: the shared Button does not pass a ref on, and the focus comes back here after cancelling. */}
          <button
            type="button"
            className="btn"
            ref={takeRef}
            onClick={() => {
              setSaved('');
              setTaking(true);
            }}
          >
            {t('rn.scores.take')}
          </button>
        </ButtonGroup>
      ) : null}
      {canScore && taking ? (
        <SurveyForm
          caseId={caseId}
          openFollowUps={open}
          defaultOccasion={hasPlanScore ? 'follow_up' : 'plan'}
          onCancel={() => {
            setTaking(false);
            focusLater(() => takeRef.current);
          }}
          onSaved={(score) => {
            setTaking(false);
            setSaved(t('rn.scores.saved', { composite: f.score(score.composite) }));
            scores.reload();
            onChanged();
            focusLater(() => savedRef.current);
          }}
        />
      ) : null}
      <p className="secondary">
        <Link to="/reintegration/instruments">{t('rn.scores.aboutInstrument')}</Link>
      </p>
    </>
  );
}

/** The change between the first score and the last one taken with the same survey version. */
function Change({ change }: { change: NonNullable<Scores['change']> }) {
  const { t, locale } = useI18n();
  const f = useScoreFormat();
  return (
    <section className="rn-score-change" aria-labelledby="rn-score-change-title">
      <h3 id="rn-score-change-title">
        {t('rn.scores.change.title')}
      </h3>
      <p className="secondary">{t('rn.scores.change.between', { from: formatDate(change.from_taken_on, locale), to: formatDate(change.to_taken_on, locale) })}</p>
      <dl className="rn-score-change__list">
        {MEASURES.map((m) => (
          <div key={m} className={m === 'composite' ? 'rn-score-change__item rn-score-change__item--composite' : 'rn-score-change__item'}>
            <dt>{f.measure(m)}</dt>
            <dd>
              <span className={change[m] > 0 ? 'rn-up' : change[m] < 0 ? 'rn-down' : undefined}>
                <span aria-hidden="true">{change[m] > 0 ? '▲ ' : change[m] < 0 ? '▼ ' : ''}</span>
                {f.change(change[m])}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ScoreTable({ items }: { items: Score[] }) {
  const { t, locale } = useI18n();
  const f = useScoreFormat();
  return (
    <>
      <h3>{t('rn.scores.table.caption')}</h3>
      <Table
        caption={t('rn.scores.table.caption')}
        captionHidden
        head={[t('rn.scores.takenOn'), t('rn.scores.occasion'), t('rn.scores.instrument'), f.measure('composite'), t('rn.scores.sustainable')]}
        numeric={[3]}
      >
        {[...items].reverse().map((s) => (
          <tr key={s.id}>
            <td className="nowrap">{formatDate(s.taken_on, locale)}</td>
            <td>{t(s.occasion === 'plan' ? 'rn.scores.occasion.plan' : 'rn.scores.occasion.follow_up')}</td>
            <td>
              {s.instrument.name} <span className="secondary nowrap">({t('rn.instruments.versionOf', { code: s.instrument.code, version: s.instrument.version })})</span>
            </td>
            <td className="num">{f.score(s.composite)}</td>
            <td>
              {s.sustainable ? <Tag colour="green">{t('rn.scores.sustainable.yes')}</Tag> : <Tag colour="grey">{t('rn.scores.sustainable.no')}</Tag>}{' '}
              <span className="secondary nowrap">({t('rn.scores.thresholdShort', { threshold: f.score(s.threshold) })})</span>
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}

type FollowUp = ScoresTabProps['followUps'][number];

/** The active survey: one radio group per question, grouped by dimension, plus the occasion and the date. */
function SurveyForm({
  caseId,
  openFollowUps,
  defaultOccasion,
  onCancel,
  onSaved,
}: {
  caseId: string;
  openFollowUps: readonly FollowUp[];
  defaultOccasion: Occasion;
  onCancel: () => void;
  onSaved: (score: Score) => void;
}) {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const instrument = useApi<Instrument>('/reintegration/instruments/active');
  const [occasion, setOccasion] = useState<Occasion>(defaultOccasion);
  const [followUpId, setFollowUpId] = useState(openFollowUps.length === 1 ? openFollowUps[0]!.id : '');
  const [takenOn, setTakenOn] = useState(localToday);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const answerId = (item: string) => `answer-${item}`;
  const take = useMutation((body: object) => api.post<Score>(`/reintegration/cases/${encodeURIComponent(caseId)}/scores`, body), {
    fieldIds: Object.fromEntries((instrument.data?.dimensions ?? []).flatMap((d) => d.items.map((i) => [`answers.${i.code}`, answerId(i.code)]))),
    generalTarget: 'occasion',
    onSuccess: (score) => onSaved(score),
  });
  const { busy, errors } = take;

  if (!instrument.data && instrument.loading) return <Loading />;
  const inst = instrument.data;
  if (!inst)
    return (
      <Notice tone="error" live>
        <p>{instrument.error?.message}</p>
      </Notice>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!inst) return;
    const problems: [string, string][] = [];
    if (occasion === 'follow_up' && !followUpId) problems.push(['follow_up_id', t('rn.scores.form.followUpMissing')]);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(takenOn)) problems.push(['taken_on', t('rn.scores.form.dateMissing')]);
    for (const d of inst.dimensions)
      for (const item of d.items) if (!answers[item.code]) problems.push([answerId(item.code), t('rn.scores.form.answerMissing', { question: item.question })]);
    if (errors.set(problems)) return;
    await take.run({ occasion, ...(occasion === 'follow_up' ? { follow_up_id: followUpId } : {}), taken_on: takenOn, answers });
  }

  return (
    <form className="rn-survey" onSubmit={submit} noValidate aria-labelledby="rn-survey-title">
      <h3 id="rn-survey-title">
        {t('rn.scores.form.title')}
      </h3>
      <p className="secondary">{t('rn.scores.form.intro', { name: inst.name, version: inst.version })}</p>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <Radios
        id="occasion"
        legend={t('rn.scores.occasion')}
        error={errors.field('occasion')}
        value={occasion}
        onValue={(v) => setOccasion(v as Occasion)}
        options={[
          { value: 'plan', label: t('rn.scores.occasion.plan') },
          { value: 'follow_up', label: t('rn.scores.occasion.follow_up') },
        ]}
        inline
      />
      {occasion === 'follow_up' ? (
        openFollowUps.length > 0 ? (
          <Select
            id="follow_up_id"
            label={t('rn.scores.form.followUp')}
            hint={t('rn.scores.form.followUp.hint')}
            error={errors.field('follow_up_id')}
            value={followUpId}
            onValue={setFollowUpId}
            options={[
              { value: '', label: t('rn.scores.form.followUp.choose') },
              ...openFollowUps.map((fu) => ({ value: fu.id, label: t('rn.scores.form.followUp.option', { date: formatDate(fu.done_on, locale) }) })),
            ]}
          />
        ) : (
          <Notice tone="warning">
            <p id="follow_up_id">{t('rn.scores.form.noFollowUps')}</p>
          </Notice>
        )
      ) : null}
      <TextInput id="taken_on" type="date" label={t('rn.scores.takenOn')} error={errors.field('taken_on')} value={takenOn} onValue={setTakenOn} max={localToday()} width="10" />
      {inst.dimensions.map((d) => (
        <section key={d.code} className="rn-survey__dimension" aria-labelledby={`rn-survey-${d.code}`}>
          <h4 id={`rn-survey-${d.code}`}>{labels.dimension(d.code)}</h4>
          {d.items.map((item) => (
            <Radios
              key={item.code}
              id={answerId(item.code)}
              legend={item.question}
              error={errors.field(answerId(item.code))}
              value={answers[item.code] ?? ''}
              onValue={(v) => setAnswers((old) => ({ ...old, [item.code]: v }))}
              options={item.options.map((o) => ({ value: o.code, label: o.label }))}
            />
          ))}
        </section>
      ))}
      <ButtonGroup>
        <Button type="submit" busy={busy}>
          {t('rn.scores.form.submit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
