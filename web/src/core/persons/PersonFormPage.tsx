import { useEffect, useState, type FormEvent } from 'react';
import { api, type OrgUnitRef } from '../../app/api';
import { useAuth } from '../../app/auth';
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
import { OrgUnitPicker } from '../admin/OrgUnitPicker';
import { fullName, SEXES, type Person } from './types';

interface Values {
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  nationalityIso3: string;
  phone: string;
  email: string;
  orgUnit: OrgUnitRef[];
}

const EMPTY: Values = { givenName: '', familyName: '', birthDate: '', sex: 'unknown', nationalityIso3: '', phone: '', email: '', orgUnit: [] };

function fromPerson(p: Person): Values {
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: p.birthDate ?? '',
    sex: p.sex ?? 'unknown',
    nationalityIso3: p.nationalityIso3 ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    orgUnit: [p.orgUnit],
  };
}

export default function PersonFormPage({ params }: PageProps) {
  const t = useT();
  const labels = useLabels();
  const { me } = useAuth();
  const id = params.id;
  const editing = id !== undefined;
  const existing = useApi<Person>(editing ? `/persons/${encodeURIComponent(id)}` : null);
  const errors = useFormErrors();
  const [v, setV] = useState<Values>(EMPTY);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (existing.data) setV(fromPerson(existing.data));
  }, [existing.data]);

  const set = <K extends keyof Values>(k: K) => (value: Values[K]) => setV((old) => ({ ...old, [k]: value }));

  if (editing && existing.loading) return <Loading />;
  if (editing && existing.error?.status === 404) return <NotFoundPage />;
  if (editing && existing.error)
    return (
      <Notice tone="error" live>
        <p>{existing.error.message}</p>
      </Notice>
    );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problems: [string, string][] = [];
    if (!v.givenName.trim()) problems.push(['givenName', t('person.givenName.required')]);
    if (!v.familyName.trim()) problems.push(['familyName', t('person.familyName.required')]);
    if (v.nationalityIso3.trim() && !/^[A-Za-z]{3}$/.test(v.nationalityIso3.trim())) problems.push(['nationalityIso3', t('person.nationality.format')]);
    if (v.orgUnit.length === 0) problems.push(['orgUnitCode', t('person.orgUnit.required')]);
    if (errors.set(problems)) return;
    const opt = (s: string) => (s.trim() ? s.trim() : editing ? null : undefined);
    const body = {
      givenName: v.givenName.trim(),
      familyName: v.familyName.trim(),
      birthDate: opt(v.birthDate),
      sex: v.sex,
      nationalityIso3: opt(v.nationalityIso3.toUpperCase()),
      phone: opt(v.phone),
      email: opt(v.email),
      orgUnitCode: v.orgUnit[0]?.code,
    };
    setBusy(true);
    try {
      const person = editing
        ? await api.patch<Person>(`/persons/${encodeURIComponent(id)}`, body)
        : await api.post<Person>('/persons', body);
      setFlash(editing ? t('person.saved', { name: fullName(person) }) : t('person.created', { name: fullName(person) }));
      navigate(`/persons/${encodeURIComponent(person.id)}`);
    } catch (err) {
      errors.fromApi(err, { fieldIds: { orgUnit: 'orgUnitCode' }, generalTarget: 'givenName' });
      setBusy(false);
    }
  }

  const back = editing ? `/persons/${encodeURIComponent(id)}` : '/persons';
  return (
    <div className="narrow">
      <BackLink to={back} />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={t('persons.title')}>
        {editing && existing.data ? t('person.edit.title', { name: fullName(existing.data) }) : t('person.new.title')}
      </PageHeading>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id="givenName" label={t('person.givenName')} autoComplete="off" value={v.givenName} onValue={set('givenName')} error={errors.field('givenName')} width="20" />
        <TextInput id="familyName" label={t('person.familyName')} autoComplete="off" value={v.familyName} onValue={set('familyName')} error={errors.field('familyName')} width="20" />
        <TextInput
          id="birthDate"
          type="date"
          label={t('person.birthDate')}
          hint={t('person.birthDate.hint')}
          autoComplete="off"
          value={v.birthDate}
          onValue={set('birthDate')}
          error={errors.field('birthDate')}
          width="10"
        />
        <Radios
          id="sex"
          legend={t('person.sex')}
          options={SEXES.map((s) => ({ value: s, label: labels.sex(s) }))}
          value={v.sex}
          onValue={set('sex')}
          error={errors.field('sex')}
        />
        <TextInput
          id="nationalityIso3"
          label={t('person.nationality')}
          hint={t('person.nationality.hint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={3}
          value={v.nationalityIso3}
          onValue={set('nationalityIso3')}
          error={errors.field('nationalityIso3')}
          width="4"
        />
        <TextInput id="phone" type="tel" label={t('person.phone')} hint={t('common.optional')} autoComplete="off" value={v.phone} onValue={set('phone')} error={errors.field('phone')} width="20" />
        <TextInput
          id="email"
          type="email"
          label={t('person.email')}
          hint={t('common.optional')}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          value={v.email}
          onValue={set('email')}
          error={errors.field('email')}
          width="20"
        />
        <OrgUnitPicker
          id="orgUnitCode"
          single
          legend={t('person.orgUnit')}
          hint={t('person.orgUnit.hint')}
          error={errors.field('orgUnitCode')}
          value={v.orgUnit}
          onChange={set('orgUnit')}
          suggestions={me?.user.captureScope ?? []}
        />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {editing ? t('common.saveChanges') : t('person.create')}
          </Button>
          <Link to={back}>{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </div>
  );
}
