import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Checkbox, Fieldset } from '../../app/components/Field';
import { BackLink, Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { useT } from '../../app/i18n';
import { NotFoundPage } from '../../app/pages/NotFoundPage';
import { Link, navigate } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { fullName, type Person } from './types';

/** The confirmation step before erasing a person and every module's records of them. */
export default function PersonErasePage({ params }: PageProps) {
  const t = useT();
  const id = params.id ?? '';
  const base = `/persons/${encodeURIComponent(id)}`;
  const { data: person, error, loading } = useApi<Person>(base);
  const errors = useFormErrors();
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);

  if (loading) return <Loading />;
  if (error?.status === 404) return <NotFoundPage />;
  if (error || !person)
    return (
      <Notice tone="error" live>
        <p>{error?.message}</p>
      </Notice>
    );
  const name = fullName(person);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (errors.set(confirmed ? [] : [['confirm', t('person.erase.confirmRequired')]])) return;
    setBusy(true);
    try {
      await api.del(base);
      setFlash(t('person.erased', { name }));
      navigate('/persons', { replace: true });
    } catch (err) {
      errors.fromApi(err, { generalTarget: 'confirm' });
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <BackLink to={base} />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={t('persons.title')}>{t('person.erase.title', { name })}</PageHeading>
      <div className="warning-text">
        <span className="warning-text__icon" aria-hidden="true">
          !
        </span>
        <p>
          <span className="visually-hidden">{t('common.warning')}: </span>
          {t('person.erase.warning')}
        </p>
      </div>
      <p>{t('person.erase.explain')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Fieldset id="confirm-group" legend={t('person.erase.confirmLegend')} error={errors.field('confirm')}>
          <Checkbox id="confirm" label={t('person.erase.confirm', { name })} checked={confirmed} onChecked={setConfirmed} />
        </Fieldset>
        <ButtonGroup>
          <Button type="submit" variant="warning" busy={busy}>
            {t('person.erase.submit')}
          </Button>
          <Link to={base}>{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </div>
  );
}
