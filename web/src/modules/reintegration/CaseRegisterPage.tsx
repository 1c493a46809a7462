import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, isAbort, query, type OrgUnitRef } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button, ButtonGroup, ButtonLink } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { CheckboxGroup, Radios, Select, TextInput } from '../../app/components/Field';
import { Loading, Notice, PageHeading, SummaryList } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useMutation } from '../../app/components/useMutation';
import { setFlash } from '../../app/flash';
import { countryOptions } from '../../app/countries';
import { formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link, navigate, useLocation } from '../../app/router';
import type { OrgUnit } from '../../core/admin/shared';
import { OrgUnitPicker } from '../../app/components/OrgUnitPicker';
import { fullName, type Person, type PersonSummary } from '../../core/persons/types';
import { useRnLabels } from './labels';
import { ReintegrationNav } from './ReintegrationNav';
import { casePath, localToday, NEED_CODES, RETURN_HOW, type Case, type ReturnCategory } from './types';
import './reintegration.css';

const HERE = '/reintegration/cases/new';

/** The country whose return categories apply: the ISO3 segment of the org unit's path (as the server reads it). */
const countryOfPath = (path: string) => path.split('/').find((s) => /^[A-Z]{3}$/.test(s)) ?? null;

/**
 * Registering a returnee at arrival, in two steps: who (an existing person from the registry, or a new one
 * registered on the persons form, which checks for duplicates and comes back here), then the arrival.
 */
export default function CaseRegisterPage() {
  const { search } = useLocation();
  const personId = search.get('person');
  return personId ? <ArrivalForm personId={personId} /> : <FindPerson />;
}

function FindPerson() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  const found = useApi<{ items: PersonSummary[] }>(q ? `/persons${query({ q })}` : null);

  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(`${HERE}${query({ q: text.trim() })}`, { keepScroll: true });
  }

  return (
    <>
      <ReintegrationNav trail={[{ label: t('rn.register.title') }]} />
      <PageHeading caption={t('rn.register.step1')}>{t('rn.register.who')}</PageHeading>
      <p>{t('rn.register.who.intro')}</p>
      <form className="filter" role="search" onSubmit={submit} noValidate>
        <TextInput id="q" type="search" label={t('rn.register.search')} hint={t('rn.register.search.hint')} value={text} onValue={setText} autoComplete="off" width="20" />
        <Button type="submit" variant="secondary">
          {t('rn.register.search.button')}
        </Button>
      </form>
      {found.error ? (
        <Notice tone="error" live>
          <p>{found.error.message}</p>
        </Notice>
      ) : null}
      <div role="status">
        {found.loading ? <p className="secondary">{t('common.loading')}</p> : null}
        {found.data && found.data.items.length === 0 ? <p>{t('rn.register.noneFound', { q })}</p> : null}
      </div>
      {found.data && found.data.items.length > 0 ? (
        <ul className="rn-people" aria-label={t('rn.register.found')}>
          {found.data.items.map((p) => (
            <li key={p.id}>
              <span>
                <strong>{fullName(p)}</strong> <span className="secondary">({p.orgUnit.name}, {formatDate(p.createdAt, locale)})</span>
              </span>
              <Link to={`${HERE}${query({ person: p.id })}`}>
                {t('rn.register.choose')}
                <span className="visually-hidden"> {fullName(p)}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {can('persons.write') ? (
        <>
          <h2>{t('rn.register.new.title')}</h2>
          <p>{t('rn.register.new.body')}</p>
          <ButtonLink to={`/persons/new${query({ next: HERE })}`} variant="secondary">
            {t('rn.register.new')}
          </ButtonLink>
        </>
      ) : null}
    </>
  );
}

interface Values {
  orgUnit: OrgUnitRef[];
  arrivalDate: string;
  returnedFrom: string;
  how: string;
  category: string;
  household: string;
  needs: string[];
}

function ArrivalForm({ personId }: { personId: string }) {
  const { t, lang, locale } = useI18n();
  const countries = useMemo(() => countryOptions(lang, locale), [lang, locale]);
  const labels = useRnLabels();
  const { me } = useAuth();
  const person = useApi<Person>(`/persons/${encodeURIComponent(personId)}`);
  const [today] = useState(localToday);
  const capture = me?.user.captureScope ?? [];
  const [v, setV] = useState<Values>({ orgUnit: capture.length === 1 ? capture : [], arrivalDate: today, returnedFrom: '', how: '', category: '', household: '1', needs: [] });
  const [categories, setCategories] = useState<ReturnCategory[]>([]);
  const register = useMutation((_name: string, body: object) => api.post<Case>('/reintegration/cases', body), {
    fieldIds: { person_id: 'org_unit' },
    generalTarget: 'org_unit',
    onSuccess: (created, [name]) => {
      setFlash(t('rn.register.done', { reference: created.reference, name }));
      navigate(casePath(created.id));
    },
  });
  const { busy, errors } = register;
  const set = <K extends keyof Values>(k: K) => (value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  const unitCode = v.orgUnit[0]?.code;

  // The return categories of the org unit's country (its law's list), when it has one.
  useEffect(() => {
    setCategories([]);
    if (!unitCode) return;
    const ctl = new AbortController();
    (async () => {
      const unit = await api.get<OrgUnit>(`/org-units/${encodeURIComponent(unitCode)}`, { signal: ctl.signal });
      const country = countryOfPath(unit.path);
      if (!country) return;
      const { items } = await api.get<{ items: ReturnCategory[] }>(`/reintegration/return-categories${query({ country })}`, { signal: ctl.signal });
      setCategories(items);
    })().catch((err: unknown) => {
      if (!isAbort(err)) setCategories([]);
    });
    return () => ctl.abort();
  }, [unitCode]);

  if (person.loading) return <Loading />;
  if (person.error || !person.data)
    return (
      <>
        <ReintegrationNav trail={[{ label: t('rn.register.title') }]} />
        <Notice tone="error" live>
          <p>{person.error?.message}</p>
        </Notice>
        <Link to={HERE}>{t('rn.register.choose.other')}</Link>
      </>
    );
  const name = fullName(person.data);

  function check(): [string, string][] {
    const problems: [string, string][] = [];
    if (!unitCode) problems.push(['org_unit', t('rn.register.orgUnit.required')]);
    if (!v.arrivalDate) problems.push(['arrival_date', t('rn.register.arrival.required')]);
    else if (v.arrivalDate > today) problems.push(['arrival_date', t('rn.register.arrival.future')]);
    if (!v.returnedFrom) problems.push(['returned_from_iso3', t('rn.register.from.required')]);
    if (!v.how) problems.push(['return_how', t('rn.register.how.required')]);
    const n = Number(v.household);
    if (!Number.isInteger(n) || n < 1 || n > 50) problems.push(['household_size', t('rn.register.household.range')]);
    return problems;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || errors.set(check())) return;
    await register.run(name, {
      person_id: personId,
      org_unit: unitCode,
      arrival_date: v.arrivalDate,
      returned_from_iso3: v.returnedFrom,
      return_how: v.how,
      return_category: v.category || null,
      household_size: Number(v.household),
      immediate_needs: NEED_CODES.filter((c) => v.needs.includes(c)),
    });
  }

  return (
    <>
      <ReintegrationNav trail={[{ label: t('rn.register.title') }]} />
      <div className="narrow">
        <ErrorSummary items={errors.items} seq={errors.seq} />
        <PageHeading caption={t('rn.register.step2')}>{t('rn.register.arrival.title', { name })}</PageHeading>
        <SummaryList
          rows={[
            {
              key: t('rn.case.person'),
              value: name,
              action: (
                <Link to={HERE}>
                  {t('rn.register.change')}
                  <span className="visually-hidden"> ({t('rn.case.person')})</span>
                </Link>
              ),
            },
            { key: t('rn.register.birthDate'), value: person.data.birthDate ? formatDate(person.data.birthDate, locale) : '—' },
          ]}
        />
        <form onSubmit={(e) => void submit(e)} noValidate>
          <OrgUnitPicker id="org_unit" single legend={t('rn.register.orgUnit')} hint={t('rn.register.orgUnit.hint')} error={errors.field('org_unit')} value={v.orgUnit} onChange={set('orgUnit')} suggestions={capture} />
          <TextInput id="arrival_date" type="date" label={t('rn.register.arrival')} max={today} value={v.arrivalDate} onValue={set('arrivalDate')} error={errors.field('arrival_date')} width="10" />
          <Select
            id="returned_from_iso3"
            label={t('rn.register.from')}
            value={v.returnedFrom}
            onValue={set('returnedFrom')}
            options={[{ value: '', label: t('rn.register.from.choose') }, ...countries]}
            error={errors.field('returned_from_iso3')}
          />
          <Radios id="return_how" legend={t('rn.register.how')} options={RETURN_HOW.map((h) => ({ value: h, label: labels.how(h) }))} value={v.how} onValue={set('how')} error={errors.field('return_how')} />
          {categories.length > 0 ? (
            <Select
              id="return_category"
              label={t('rn.register.category')}
              hint={t('rn.register.category.hint')}
              value={v.category}
              onValue={set('category')}
              error={errors.field('return_category')}
              options={[{ value: '', label: t('rn.register.category.none') }, ...categories.map((c) => ({ value: c.code, label: c.label }))]}
            />
          ) : null}
          <TextInput id="household_size" type="number" inputMode="numeric" min={1} max={50} label={t('rn.register.household')} hint={t('rn.register.household.hint')} value={v.household} onValue={set('household')} error={errors.field('household_size')} width="3" />
          <CheckboxGroup
            id="immediate_needs"
            legend={t('rn.register.needs')}
            hint={t('rn.register.needs.hint')}
            options={NEED_CODES.map((c) => ({ value: c, label: labels.need(c) }))}
            value={v.needs}
            onValue={set('needs')}
            error={errors.field('immediate_needs')}
          />
          <ButtonGroup>
            <Button type="submit" busy={busy}>
              {t('rn.register.submit')}
            </Button>
            <Link to="/reintegration">{t('common.cancel')}</Link>
          </ButtonGroup>
        </form>
      </div>
    </>
  );
}
