import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Radios, TextInput } from '../../app/components/Field';
import { BackLink, Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { useT } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { NotFoundPage } from '../../app/pages/NotFoundPage';
import { Link, navigate } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { CHANNELS, fullName, type Person } from './types';

export default function ConsentNewPage({ params }: PageProps) {
  const t = useT();
  const labels = useLabels();
  const id = params.id ?? '';
  const base = `/persons/${encodeURIComponent(id)}`;
  const { data: person, error, loading } = useApi<Person>(base);
  const errors = useFormErrors();
  const [purpose, setPurpose] = useState('');
  const [scope, setScope] = useState('');
  const [channel, setChannel] = useState('');
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
    if (!purpose.trim()) problems.push(['purpose', t('consent.purpose.required')]);
    if (!scope.trim()) problems.push(['scope', t('consent.scope.required')]);
    if (!channel) problems.push(['channel', t('consent.channel.required')]);
    if (errors.set(problems)) return;
    setBusy(true);
    try {
      await api.post(`${base}/consents`, { purpose: purpose.trim(), scope: scope.trim(), channel });
      setFlash(t('consent.added'));
      navigate(base);
    } catch (err) {
      errors.fromApi(err, { generalTarget: 'purpose' });
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <BackLink to={base} />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={fullName(person)}>{t('consent.new.title')}</PageHeading>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id="purpose" label={t('consent.purpose')} hint={t('consent.purpose.hint')} autoComplete="off" value={purpose} onValue={setPurpose} error={errors.field('purpose')} />
        <TextInput id="scope" label={t('consent.scope')} hint={t('consent.scope.hint')} autoComplete="off" value={scope} onValue={setScope} error={errors.field('scope')} />
        <Radios
          id="channel"
          legend={t('consent.channel')}
          options={CHANNELS.map((c) => ({ value: c, label: labels.channel(c) }))}
          value={channel}
          onValue={setChannel}
          error={errors.field('channel')}
        />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {t('consent.save')}
          </Button>
          <Link to={base}>{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </div>
  );
}
