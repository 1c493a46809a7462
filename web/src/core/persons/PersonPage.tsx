import { useState } from 'react';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button, ButtonGroup, ButtonLink } from '../../app/components/Button';
import { BackLink, Loading, Notice, PageHeading, SummaryList, Table, Tag } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { FlashNotice } from '../../app/flash';
import { formatDate, formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { NotFoundPage } from '../../app/pages/NotFoundPage';
import type { PageProps } from '../../app/routes';
import { usePersonLabels } from './labels';
import { fullName, type Consent, type Person, type RevealedDocument } from './types';
import { downloadJson } from '../../app/download';
import { StepUpForm, type StepUpProof } from '../../app/components/StepUpForm';
import './persons.css';

export default function PersonPage({ params }: PageProps) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const personLabels = usePersonLabels();
  const { can } = useAuth();
  const id = params.id ?? '';
  const base = `/persons/${encodeURIComponent(id)}`;
  const { data: person, error, loading, setData } = useApi<Person>(base);
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [stepUp, setStepUp] = useState(false);
  const [revealing, setRevealing] = useState(false);
  /** The numbers after the step-up (holders of cases.protected); the page shows the hints until then. */
  const [revealed, setRevealed] = useState<RevealedDocument[] | null>(null);

  if (loading) return <Loading />;
  if (error?.status === 404) return <NotFoundPage />;
  if (error || !person)
    return (
      <Notice tone="error" live>
        <p>{error?.message}</p>
      </Notice>
    );

  async function withdraw(c: Consent) {
    if (busy || !person) return;
    setBusy(c.id);
    try {
      const updated = await api.post<Consent>(`${base}/consents/${encodeURIComponent(c.id)}/withdraw`);
      setData({ ...person, consents: person.consents.map((x) => (x.id === c.id ? updated : x)) });
      setStatus({ tone: 'success', text: t('consent.withdrawn', { purpose: personLabels.purpose(c.purpose) }) });
    } catch (err) {
      setStatus({ tone: 'error', text: err instanceof Error ? err.message : t('error.unexpected') });
    }
    setBusy(null);
  }

  async function exportJson() {
    if (busy || !person) return;
    setBusy('export');
    try {
      const data = await api.get<unknown>(`${base}/export`);
      downloadJson(`person-${person.id}.json`, data);
      setStatus({ tone: 'success', text: t('person.export.done') });
    } catch (err) {
      setStatus({ tone: 'error', text: err instanceof Error ? err.message : t('error.unexpected') });
    }
    setBusy(null);
  }

  /** With the password or a code again: the protected fields are in the file (holders of cases.protected). */
  async function exportProtected(proof: StepUpProof) {
    if (!person) return;
    const data = await api.post<unknown>(`${base}/export`, proof);
    downloadJson(`person-${person.id}.json`, data);
    setStepUp(false);
    setStatus({ tone: 'success', text: t('person.export.protected.done') });
  }

  /** The document numbers, with the password or a code again (holders of cases.protected); audited. */
  async function revealDocuments(proof: StepUpProof) {
    const answer = await api.post<{ documents: RevealedDocument[] }>(`${base}/documents/reveal`, proof);
    setRevealed(answer.documents);
    setRevealing(false);
    setStatus({ tone: 'success', text: t('person.documents.reveal.done') });
  }

  const name = fullName(person);
  const shownDocuments = revealed && revealed.length === person.documents.length ? revealed : person.documents;
  const dash = '—';
  return (
    <>
      <BackLink to="/persons">{t('persons.title')}</BackLink>
      <FlashNotice />
      <PageHeading caption={t('persons.title')}>{name}</PageHeading>
      <div aria-live="polite">
        {status ? (
          <Notice tone={status.tone}>
            <p>{status.text}</p>
          </Notice>
        ) : null}
      </div>

      <h2>{t('person.details')}</h2>
      <SummaryList
        rows={[
          { key: t('person.givenName'), value: person.given_name },
          { key: t('person.familyName'), value: person.family_name },
          { key: t('person.birthDate'), value: person.birth_date ? formatDate(person.birth_date, locale) : dash },
          { key: t('person.sex'), value: person.sex ? labels.sex(person.sex) : dash },
          { key: t('person.nationality'), value: person.nationality_iso3 ?? dash },
          { key: t('person.languages'), value: person.languages.length ? person.languages.map(personLabels.language).join(', ') : dash },
          {
            key: t('person.documents'),
            value: person.documents.length ? (
              <>
                <ul className="person-values">
                  {shownDocuments.map((d, i) => (
                    <li key={`${i}:${d.kind}`}>{personLabels.document(d)}</li>
                  ))}
                </ul>
                {can('cases.protected') && !revealed && !revealing ? (
                  <Button variant="secondary" className="btn--small" onClick={() => setRevealing(true)}>
                    {t('person.documents.reveal')}
                  </Button>
                ) : null}
                {revealing ? (
                  <StepUpForm
                    id="reveal"
                    className="person-step-up"
                    title={t('person.documents.reveal')}
                    intro={t('person.documents.reveal.body')}
                    submitLabel={t('person.documents.reveal.confirm')}
                    onProof={revealDocuments}
                    onCancel={() => setRevealing(false)}
                  />
                ) : null}
              </>
            ) : (
              dash
            ),
          },
          { key: t('person.phone'), value: person.phone ?? dash },
          { key: t('person.email'), value: person.email ?? dash },
          { key: t('person.orgUnit'), value: person.org_unit.name },
          { key: t('persons.createdAt'), value: formatDateTime(person.created_at, locale) },
        ]}
      />
      {can('persons.write') ? <ButtonLink to={`${base}/edit`} variant="secondary">{t('person.edit')}</ButtonLink> : null}

      <h2>{t('consent.title')}</h2>
      <p>{t('consent.intro')}</p>
      {person.consents.length === 0 ? (
        <p>{t('consent.none')}</p>
      ) : (
        <Table
          caption={t('consent.caption', { name })}
          captionHidden
          className="table--medium"
          head={[t('consent.purpose'), t('consent.scopeShort'), t('consent.channelShort'), t('consent.givenAt'), t('consent.status'), ...(can('persons.write') ? [t('common.actions')] : [])]}
        >
          {person.consents.map((c) => (
            <tr key={c.id}>
              <td>
                {personLabels.purpose(c.purpose)}
                {c.partner ? <div className="cell-muted">{t('consent.partnerShort', { partner: c.partner })}</div> : null}
              </td>
              <td>{c.scope}</td>
              <td>{labels.channel(c.channel)}</td>
              <td className="nowrap">{formatDate(c.given_at, locale)}</td>
              <td>
                {c.withdrawn_at ? (
                  <>
                    <Tag colour="grey">{t('consent.withdrawnTag')}</Tag>
                    <div className="cell-muted">{formatDate(c.withdrawn_at, locale)}</div>
                  </>
                ) : (
                  <Tag colour="green">{t('consent.activeTag')}</Tag>
                )}
              </td>
              {can('persons.write') ? (
                <td>
                  {c.withdrawn_at ? null : (
                    <Button variant="secondary" className="btn--small" busy={busy === c.id} onClick={() => void withdraw(c)}>
                      {t('consent.withdraw')}
                      <span className="visually-hidden"> ({personLabels.purpose(c.purpose)})</span>
                    </Button>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      )}
      {can('persons.write') ? <ButtonLink to={`${base}/consents/new`} variant="secondary">{t('consent.add')}</ButtonLink> : null}

      {can('persons.export') || can('persons.erase') || can('persons.merge') ? (
        <section className="danger-zone" aria-labelledby="data-heading">
          <h2 id="data-heading">{t('person.data.title')}</h2>
          {can('persons.export') ? (
            <>
              <p>{t('person.export.body')}</p>
              <p>{t('person.export.withheld')}</p>
              <ButtonGroup>
                <Button variant="secondary" busy={busy === 'export'} onClick={() => void exportJson()}>
                  {t('person.export')}
                </Button>
                {can('cases.protected') && !stepUp ? (
                  <Button variant="secondary" onClick={() => setStepUp(true)}>
                    {t('person.export.protected')}
                  </Button>
                ) : null}
              </ButtonGroup>
              {stepUp ? (
                <StepUpForm
                  id="export"
                  className="person-step-up"
                  title={t('person.export.protected')}
                  intro={t('person.export.protected.body')}
                  submitLabel={t('person.export.protected.confirm')}
                  onProof={exportProtected}
                  onCancel={() => setStepUp(false)}
                />
              ) : null}
            </>
          ) : null}
          {can('persons.merge') ? (
            <>
              <p>{t('person.merge.body')}</p>
              <ButtonGroup>
                <ButtonLink to={`${base}/merge`} variant="secondary">
                  {t('person.merge')}
                </ButtonLink>
              </ButtonGroup>
            </>
          ) : null}
          {can('persons.erase') ? (
            <>
              <p>{t('person.erase.body')}</p>
              <ButtonGroup>
                <ButtonLink to={`${base}/erase`} variant="warning">
                  {t('person.erase')}
                </ButtonLink>
              </ButtonGroup>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
