import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { useAuth } from '../../../app/auth';
import { Button, ButtonLink } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Radios, Textarea } from '../../../app/components/Field';
import { Loading, Notice, SummaryList, Table, Tag } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useMutation } from '../../../app/components/useMutation';
import { formatDate } from '../../../app/format';
import { useI18n } from '../../../app/i18n';
import { useLabels } from '../../../app/labels';
import { Link } from '../../../app/router';
import { usePersonLabels } from '../../../core/persons/labels';
import type { Person } from '../../../core/persons/types';
import { casePath, type Case, type Sensitive } from '../types';
import { StepUpForm, type StepUpProof } from '../../../app/components/StepUpForm';

/** The returnee's record in the persons registry (read there, audited there), consents, and the protected fields. */
export function PersonTab({ c, onChanged }: { c: Case; onChanged: (message?: string) => void }) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const personLabels = usePersonLabels();
  const { can } = useAuth();
  const personId = c.person?.id;
  const person = useApi<Person>(personId ? `/persons/${encodeURIComponent(personId)}` : null);

  if (!personId) return <p>{t('rn.person.erased')}</p>;
  if (person.loading) return <Loading />;
  if (!person.data)
    return (
      <Notice tone="error" live>
        <p>{person.error?.message}</p>
      </Notice>
    );
  const p = person.data;
  const dash = '—';
  const personPath = `/persons/${encodeURIComponent(p.id)}`;
  const comeBack = casePath(c.id, 'person');

  return (
    <>
      <h2>{t('rn.person.title')}</h2>
      <SummaryList
        rows={[
          { key: t('person.birthDate'), value: p.birthDate ? formatDate(p.birthDate, locale) : dash },
          { key: t('person.sex'), value: p.sex ? labels.sex(p.sex) : dash },
          { key: t('person.nationality'), value: p.nationalityIso3 ?? dash },
          { key: t('person.languages'), value: p.languages.length ? p.languages.map(personLabels.language).join(', ') : dash },
          {
            key: t('person.documents'),
            value: p.documents.length ? (
              <ul className="rn-plain-list">
                {p.documents.map((d) => (
                  <li key={`${d.kind}:${d.number}`}>{personLabels.document(d)}</li>
                ))}
              </ul>
            ) : (
              dash
            ),
          },
          { key: t('person.phone'), value: p.phone ?? dash },
          { key: t('person.email'), value: p.email ?? dash },
        ]}
      />
      <p>
        <Link to={personPath}>{t('rn.person.open')}</Link>
      </p>

      <h2>{t('consent.title')}</h2>
      {p.consents.length === 0 ? (
        <p>{t('consent.none')}</p>
      ) : (
        <Table caption={t('consent.caption', { name: `${p.givenName} ${p.familyName}` })} captionHidden head={[t('consent.purpose'), t('consent.givenAt'), t('consent.status')]}>
          {p.consents.map((k) => (
            <tr key={k.id}>
              <td>
                {personLabels.purpose(k.purpose)}
                {k.partner ? <div className="cell-muted">{t('consent.partnerShort', { partner: k.partner })}</div> : null}
              </td>
              <td className="nowrap">{formatDate(k.givenAt, locale)}</td>
              <td>{k.withdrawnAt ? <Tag colour="grey">{t('consent.withdrawnTag')}</Tag> : <Tag colour="green">{t('consent.activeTag')}</Tag>}</td>
            </tr>
          ))}
        </Table>
      )}
      {can('persons.write') ? (
        <ButtonLink to={`${personPath}/consents/new?next=${encodeURIComponent(comeBack)}`} variant="secondary">
          {t('consent.add')}
        </ButtonLink>
      ) : null}

      <ProtectedFields c={c} onChanged={onChanged} />
    </>
  );
}


/**
 * Psychosocial notes and trafficking or violence indications: masked for everyone; holders of `cases.protected`
 * show them by giving their password (or a second-factor code) again (the server audits it). Recording them needs no reveal: the form only
 * sends what was filled in, so it never clears what it cannot see.
 */
function ProtectedFields({ c, onChanged }: { c: Case; onChanged: (message?: string) => void }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<Sensitive | null>(null);
  const [asking, setAsking] = useState(false);
  const [notes, setNotes] = useState('');
  const [trafficking, setTrafficking] = useState('');
  const [violence, setViolence] = useState('');
  const base = `/reintegration/cases/${encodeURIComponent(c.id)}`;
  const saveProtected = useMutation((body: object) => api.put(`${base}/protected`, body), {
    fieldIds: { psychosocial_notes: 'protected-notes', trafficking_indication: 'protected-trafficking', violence_indication: 'protected-violence' },
    generalTarget: 'protected-notes',
    onSuccess: () => {
      setNotes('');
      setTrafficking('');
      setViolence('');
      setShown(null);
      onChanged(t('rn.protected.saved'));
    },
  });
  const { busy, errors: record } = saveProtected;
  const canRecord = c.allowed_actions.includes('assess');

  async function show(proof: StepUpProof) {
    setShown(await api.post<Sensitive>(`${base}/reveal`, proof));
    setAsking(false);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const body = {
      ...(notes.trim() ? { psychosocial_notes: notes.trim() } : {}),
      ...(trafficking ? { trafficking_indication: trafficking === 'yes' } : {}),
      ...(violence ? { violence_indication: violence === 'yes' } : {}),
    };
    if (record.set(Object.keys(body).length ? [] : [['protected-notes', t('rn.protected.empty')]])) return;
    await saveProtected.run(body);
  }

  const masked = <span className="rn-masked">{t('rn.protected.masked')}</span>;
  const bool = (v: boolean | null) => (v === null ? '—' : v ? t('rn.yes') : t('rn.no'));
  const options = [
    { value: 'yes', label: t('rn.yes') },
    { value: 'no', label: t('rn.no') },
  ];

  return (
    <section aria-labelledby="protected-title" className="rn-protected">
      <h2 id="protected-title">{t('rn.protected.title')}</h2>
      <p>{t('rn.protected.intro')}</p>
      <SummaryList
        rows={[
          { key: t('rn.protected.notes'), value: shown ? <span className="rn-prewrap">{shown.psychosocial_notes ?? '—'}</span> : masked },
          { key: t('rn.protected.trafficking'), value: shown ? bool(shown.trafficking_indication) : masked },
          { key: t('rn.protected.violence'), value: shown ? bool(shown.violence_indication) : masked },
        ]}
      />
      {c.sensitive.can_reveal && !shown ? (
        asking ? (
          <StepUpForm className="rn-panel" id="reveal" title={t('rn.protected.reveal.title')} intro={t('rn.protected.reveal.body')} submitLabel={t('rn.protected.reveal')} onProof={show} onCancel={() => setAsking(false)} />
        ) : (
          <Button variant="secondary" onClick={() => setAsking(true)}>
            {t('rn.protected.reveal')}
          </Button>
        )
      ) : null}
      {shown ? (
        <Button variant="secondary" onClick={() => setShown(null)}>
          {t('rn.protected.hide')}
        </Button>
      ) : null}
      {canRecord ? (
        <details className="rn-details">
          <summary>{t('rn.protected.record')}</summary>
          <form onSubmit={(e) => void save(e)} noValidate>
            <ErrorSummary items={record.items} seq={record.seq} />
            <p className="hint">{t('rn.protected.record.hint')}</p>
            <Textarea id="protected-notes" label={t('rn.protected.notes')} rows={4} value={notes} onValue={setNotes} error={record.field('protected-notes')} />
            <Radios id="protected-trafficking" inline legend={t('rn.protected.trafficking')} options={options} value={trafficking} onValue={setTrafficking} error={record.field('protected-trafficking')} />
            <Radios id="protected-violence" inline legend={t('rn.protected.violence')} options={options} value={violence} onValue={setViolence} error={record.field('protected-violence')} />
            <Button type="submit" busy={busy}>
              {t('rn.protected.save')}
            </Button>
          </form>
        </details>
      ) : null}
    </section>
  );
}
