import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { Button } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Select, Textarea, TextInput } from '../../../app/components/Field';
import { SummaryList, Tag } from '../../../app/components/Layout';
import { useMutation } from '../../../app/components/useMutation';
import { formatDate } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { useRnLabels } from '../labels';
import { FOLLOW_UP_CHANNELS, localToday, type Case, type FollowUp } from '../types';

/** Follow-ups: scheduled visits or calls, each recorded once it took place (date, channel, notes). */
export function FollowUpsTab({ c, onChanged }: { c: Case; onChanged: (message?: string) => void }) {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const canFollow = c.allowed_actions.includes('follow_up');
  const list = [...c.follow_ups].sort((a, b) => a.scheduled_on.localeCompare(b.scheduled_on));

  return (
    <>
      <h2>{t('rn.fu.title')}</h2>
      {canFollow ? null : <p className="hint">{t('rn.fu.whenActive')}</p>}
      {list.length === 0 ? <p>{t('rn.fu.none')}</p> : null}
      {list.map((f) => (
        <section key={f.id} className="rn-card" aria-labelledby={`fu-${f.id}`}>
          <h3 id={`fu-${f.id}`}>
            {t('rn.fu.scheduledFor', { date: formatDate(f.scheduled_on, locale) })}{' '}
            {f.done_on ? <Tag colour="green">{t('rn.fu.done')}</Tag> : <Tag colour="yellow">{t('rn.fu.pending')}</Tag>}
          </h3>
          {f.done_on ? (
            <SummaryList
              rows={[
                { key: t('rn.fu.doneOn'), value: formatDate(f.done_on, locale) },
                { key: t('rn.fu.channel'), value: f.channel ? labels.channel(f.channel) : '—' },
                { key: t('rn.fu.notes'), value: <span className="rn-prewrap">{f.notes ?? '—'}</span> },
              ]}
            />
          ) : canFollow ? (
            <RecordForm caseId={c.id} f={f} onChanged={onChanged} />
          ) : null}
        </section>
      ))}
      {canFollow ? <ScheduleForm caseId={c.id} onChanged={onChanged} /> : null}
    </>
  );
}

function ScheduleForm({ caseId, onChanged }: { caseId: string; onChanged: (message?: string) => void }) {
  const { t, locale } = useI18n();
  const [day, setDay] = useState('');
  const schedule = useMutation((scheduled_on: string) => api.post(`/reintegration/cases/${encodeURIComponent(caseId)}/follow-ups`, { scheduled_on }), {
    fieldIds: { scheduled_on: 'fu-date' },
    generalTarget: 'fu-date',
    onSuccess: (_, [scheduled]) => {
      onChanged(t('rn.fu.scheduled', { date: formatDate(scheduled, locale) }));
      setDay('');
    },
  });
  const { busy, errors } = schedule;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || errors.set(day ? [] : [['fu-date', t('rn.fu.date.required')]])) return;
    await schedule.run(day);
  }

  return (
    <form className="rn-panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="fu-new-title">
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <h3 id="fu-new-title">{t('rn.fu.schedule')}</h3>
      <TextInput id="fu-date" type="date" label={t('rn.fu.date')} value={day} onValue={setDay} error={errors.field('fu-date')} width="10" />
      <Button type="submit" busy={busy}>
        {t('rn.fu.schedule.submit')}
      </Button>
    </form>
  );
}

function RecordForm({ caseId, f, onChanged }: { caseId: string; f: FollowUp; onChanged: (message?: string) => void }) {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const [today] = useState(localToday);
  const [doneOn, setDoneOn] = useState(today);
  const [channel, setChannel] = useState('');
  const [notes, setNotes] = useState('');
  const id = `fu-${f.id}`;
  const record = useMutation(
    (body: { done_on: string; channel: string; notes?: string }) =>
      api.post(`/reintegration/cases/${encodeURIComponent(caseId)}/follow-ups/${encodeURIComponent(f.id)}/record`, body),
    {
      fieldIds: { done_on: `${id}-done`, channel: `${id}-channel`, notes: `${id}-notes` },
      generalTarget: `${id}-done`,
      onSuccess: (_, [body]) => onChanged(t('rn.fu.recorded', { date: formatDate(body.done_on, locale) })),
    },
  );
  const { busy, errors } = record;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: [string, string][] = [];
    if (!doneOn) problems.push([`${id}-done`, t('rn.fu.doneOn.required')]);
    if (!channel) problems.push([`${id}-channel`, t('rn.fu.channel.required')]);
    if (busy || errors.set(problems)) return;
    await record.run({ done_on: doneOn, channel, ...(notes.trim() ? { notes: notes.trim() } : {}) });
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('rn.fu.record.label', { date: formatDate(f.scheduled_on, locale) })}>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <div className="rn-filters__row">
        <TextInput id={`${id}-done`} type="date" label={t('rn.fu.doneOn')} max={today} value={doneOn} onValue={setDoneOn} error={errors.field(`${id}-done`)} width="10" />
        <Select
          id={`${id}-channel`}
          label={t('rn.fu.channel')}
          value={channel}
          onValue={setChannel}
          error={errors.field(`${id}-channel`)}
          options={[{ value: '', label: t('rn.choose') }, ...FOLLOW_UP_CHANNELS.map((x) => ({ value: x, label: labels.channel(x) }))]}
        />
      </div>
      <Textarea id={`${id}-notes`} label={t('rn.fu.notes')} hint={t('common.optional')} rows={3} value={notes} onValue={setNotes} error={errors.field(`${id}-notes`)} />
      <Button type="submit" variant="secondary" busy={busy}>
        {t('rn.fu.record')}
      </Button>
    </form>
  );
}
