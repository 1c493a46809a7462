import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Fieldset, Radios, Textarea, TextInput } from '../../app/components/Field';
import { BackLink, Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { useT } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { NotFoundPage } from '../../app/pages/NotFoundPage';
import { Link, navigate, safeNext, useLocation } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { usePersonLabels } from './labels';
import { CHANNELS, CONSENT_PURPOSES, fullName, type ConsentPurpose, type Person } from './types';
import './persons.css';

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in the browser's time zone, as YYYY-MM-DD (the value of a date input). */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Midnight of `day` in the browser's time zone, with its offset: "2026-11-20T00:00:00-06:00". */
function localMidnight(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const offset = -new Date(y ?? 0, (m ?? 1) - 1, d ?? 1).getTimezoneOffset();
  const abs = Math.abs(offset);
  return `${day}T00:00:00${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export default function ConsentNewPage({ params }: PageProps) {
  const t = useT();
  const labels = useLabels();
  const personLabels = usePersonLabels();
  const id = params.id ?? '';
  const base = `/persons/${encodeURIComponent(id)}`;
  // A page that asks for a consent (a refused referral) may name the purpose and partner, and where to come back to.
  const { search } = useLocation();
  const back = safeNext(search.get('next'), base);
  const asked = search.get('purpose');
  const { data: person, error, loading } = useApi<Person>(base);
  const errors = useFormErrors();
  const [today] = useState(localToday);
  const [purpose, setPurpose] = useState<ConsentPurpose | ''>(() => CONSENT_PURPOSES.find((p) => p === asked) ?? '');
  const [partner, setPartner] = useState(() => search.get('partner') ?? '');
  const [scope, setScope] = useState('');
  const [channel, setChannel] = useState('');
  const [givenOn, setGivenOn] = useState(today);
  const [busy, setBusy] = useState(false);

  if (loading) return <Loading />;
  if (error?.status === 404) return <NotFoundPage />;
  if (error || !person)
    return (
      <Notice tone="error" live>
        <p>{error?.message}</p>
      </Notice>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problems: [string, string][] = [];
    if (!purpose) problems.push(['purpose', t('consent.purpose.required')]);
    if (purpose === 'sharing' && !partner.trim()) problems.push(['partner', t('consent.partner.required')]);
    if (!scope.trim()) problems.push(['scope', t('consent.scope.required')]);
    if (!channel) problems.push(['channel', t('consent.channel.required')]);
    if (!givenOn) problems.push(['given_at', t('consent.givenOn.required')]);
    else if (givenOn > today) problems.push(['given_at', t('consent.givenOn.future')]);
    if (errors.set(problems)) return;
    setBusy(true);
    try {
      await api.post(`${base}/consents`, {
        purpose,
        ...(purpose === 'sharing' ? { partner: partner.trim() } : {}),
        scope: scope.trim(),
        channel,
        // today: the server's clock records the moment; another day: that day, as the person's local midnight
        ...(givenOn !== today ? { given_at: localMidnight(givenOn) } : {}),
      });
      setFlash(t('consent.added'));
      navigate(back);
    } catch (err) {
      errors.fromApi(err, { generalTarget: 'purpose' });
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <BackLink to={back} />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={fullName(person)}>{t('consent.new.title')}</PageHeading>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Fieldset id="purpose" legend={t('consent.purpose')} hint={t('consent.purpose.hint')} error={errors.field('purpose')}>
          <div className="choices">
            {CONSENT_PURPOSES.map((p, i) => {
              const rid = i === 0 ? 'purpose' : `purpose-${i}`;
              return (
                <div className="choice choice--radio" key={p}>
                  <input
                    className="choice__input"
                    type="radio"
                    id={rid}
                    name="purpose"
                    value={p}
                    checked={purpose === p}
                    onChange={() => setPurpose(p)}
                    aria-describedby={`${rid}-hint`}
                    aria-controls={p === 'sharing' ? 'partner-reveal' : undefined}
                  />
                  <label className="choice__label" htmlFor={rid}>
                    {personLabels.purpose(p)}
                  </label>
                  <div id={`${rid}-hint`} className="hint choice__hint">
                    {personLabels.purposeHint(p)}
                  </div>
                  {p === 'sharing' ? (
                    // Stays in the page while hidden so that aria-controls always points at it.
                    <div className="choice__reveal" id="partner-reveal" hidden={purpose !== 'sharing'}>
                      <TextInput
                        id="partner"
                        label={t('consent.partner')}
                        hint={t('consent.partner.hint')}
                        autoComplete="organization"
                        maxLength={200}
                        value={partner}
                        onValue={setPartner}
                        error={errors.field('partner')}
                        width="20"
                      />
                    </div>
                  ) : null}
                </div>
              );
            })}
          </div>
        </Fieldset>
        <Textarea id="scope" label={t('consent.scope')} hint={t('consent.scope.hint')} rows={3} value={scope} onValue={setScope} error={errors.field('scope')} />
        <Radios
          id="channel"
          legend={t('consent.channel')}
          options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
          value={channel}
          onValue={setChannel}
          error={errors.field('channel')}
        />
        <TextInput
          id="given_at"
          type="date"
          label={t('consent.givenOn')}
          hint={t('consent.givenOn.hint')}
          autoComplete="off"
          max={today}
          value={givenOn}
          onValue={setGivenOn}
          error={errors.field('given_at')}
          width="10"
        />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {t('consent.save')}
          </Button>
          <Link to={back}>{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </div>
  );
}
