import { useEffect, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { api, type OrgUnitRef } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { CheckboxGroup, Radios, TextInput } from '../../app/components/Field';
import { BackLink, Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { useT } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { NotFoundPage } from '../../app/pages/NotFoundPage';
import { Link, navigate, safeNext, useLocation } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { OrgUnitPicker } from '../../app/components/OrgUnitPicker';
import { documentErrorTargets, documentFieldId, DocumentRows, newDocumentDraft, type DocumentDraft } from './DocumentRows';
import { DuplicatesStep } from './DuplicatesStep';
import { usePersonLabels } from './labels';
import { documentKey } from './merge';
import { COMMON_LANGUAGES, fullName, SEXES, type DuplicateCandidate, type Person } from './types';
import './persons.css';

interface Values {
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: string;
  nationality_iso3: string;
  phone: string;
  email: string;
  /** the languages ticked among COMMON_LANGUAGES */
  languages: string[];
  /** any other ISO 639 codes, as typed */
  otherLanguages: string;
  documents: DocumentDraft[];
  /**
   * Whether the save writes the documents. When editing, the recorded numbers are withheld (protected), so the form
   * cannot show them back: the recorded documents stay unless the user chooses to replace them with the rows typed.
   */
  replaceDocuments: boolean;
  org_unit: OrgUnitRef[];
}

const EMPTY: Values = { given_name: '', family_name: '', birth_date: '', sex: 'unknown', nationality_iso3: '', phone: '', email: '', languages: [], otherLanguages: '', documents: [], replaceDocuments: true, org_unit: [] };
const ISO3 = /^[A-Za-z]{3}$/;
const LANGUAGE_CODE = /^[a-z]{2,3}$/;
const MAX_LANGUAGES = 20;

const isCommon = (code: string) => (COMMON_LANGUAGES as readonly string[]).includes(code);

function fromPerson(p: Person): Values {
  return {
    given_name: p.given_name,
    family_name: p.family_name,
    birth_date: p.birth_date ?? '',
    sex: p.sex ?? 'unknown',
    nationality_iso3: p.nationality_iso3 ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    languages: p.languages.filter(isCommon),
    otherLanguages: p.languages.filter((l) => !isCommon(l)).join(', '),
    documents: [],
    replaceDocuments: false,
    org_unit: [p.org_unit],
  };
}

/** The codes typed in the "other languages" field ("quc, kek" or "quc kek"), lower-cased. */
const otherCodes = (text: string) => text.split(/[\s,;]+/).map((c) => c.trim().toLowerCase()).filter(Boolean);

/** What identifies a person for the duplicates check; a change to any of it calls for a new check. */
function identity(v: Pick<Values, 'given_name' | 'family_name' | 'birth_date' | 'documents'>): string {
  return JSON.stringify([v.given_name.trim(), v.family_name.trim(), v.birth_date, v.documents.map((d) => documentKey(d.number)).sort()]);
}

export default function PersonFormPage({ params }: PageProps) {
  const t = useT();
  const labels = useLabels();
  const personLabels = usePersonLabels();
  const { me } = useAuth();
  const id = params.id;
  const editing = id !== undefined;
  // A page that sends here to register someone (a module's registration) gets them back as `?person=<id>`.
  const next = useLocation().search.get('next');
  const returnTo = !editing && next ? safeNext(next, '') : '';
  const existing = useApi<Person>(editing ? `/persons/${encodeURIComponent(id)}` : null);
  const errors = useFormErrors();
  const [v, setV] = useState<Values>(EMPTY);
  const [busy, setBusy] = useState(false);
  /** Possible duplicates found before saving: while set, the page shows them instead of the form. */
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);

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

  function check(): [string, string][] {
    const problems: [string, string][] = [];
    if (!v.given_name.trim()) problems.push(['given_name', t('person.givenName.required')]);
    if (!v.family_name.trim()) problems.push(['family_name', t('person.familyName.required')]);
    if (v.nationality_iso3.trim() && !ISO3.test(v.nationality_iso3.trim())) problems.push(['nationality_iso3', t('person.nationality.format')]);
    const badCode = otherCodes(v.otherLanguages).find((c) => !LANGUAGE_CODE.test(c));
    if (badCode !== undefined) problems.push(['otherLanguages', t('person.languages.other.format', { code: badCode })]);
    else if (new Set([...v.languages, ...otherCodes(v.otherLanguages)]).size > MAX_LANGUAGES) problems.push(['otherLanguages', t('person.languages.max', { max: MAX_LANGUAGES })]);
    v.documents.forEach((d, i) => {
      const n = i + 1;
      if (!documentKey(d.number)) problems.push([documentFieldId(i, 'number'), t('person.document.number.required', { n })]);
      if (d.issuing_country_iso3.trim() && !ISO3.test(d.issuing_country_iso3.trim())) problems.push([documentFieldId(i, 'issuing_country_iso3'), t('person.document.country.format', { n })]);
    });
    if (v.org_unit.length === 0) problems.push(['org_unit_code', t('person.orgUnit.required')]);
    return problems;
  }

  function body() {
    const opt = (s: string) => (s.trim() ? s.trim() : editing ? null : undefined);
    return {
      given_name: v.given_name.trim(),
      family_name: v.family_name.trim(),
      birth_date: opt(v.birth_date),
      sex: v.sex,
      nationality_iso3: opt(v.nationality_iso3.toUpperCase()),
      phone: opt(v.phone),
      email: opt(v.email),
      languages: [...new Set([...COMMON_LANGUAGES.filter((l) => v.languages.includes(l)), ...otherCodes(v.otherLanguages)])],
      ...(v.replaceDocuments && {
        documents: v.documents.map((d) => ({ kind: d.kind, number: d.number.trim(), issuing_country_iso3: d.issuing_country_iso3.trim() ? d.issuing_country_iso3.trim().toUpperCase() : null })),
      }),
      org_unit_code: v.org_unit[0]?.code,
    };
  }

  const showApiError = (err: unknown) =>
    errors.fromApi(err, { fieldIds: { org_unit: 'org_unit_code', languages: 'otherLanguages', ...documentErrorTargets(v.documents.length) }, generalTarget: 'given_name' });

  async function save() {
    setBusy(true);
    try {
      const person = editing ? await api.patch<Person>(`/persons/${encodeURIComponent(id)}`, body()) : await api.post<Person>('/persons', body());
      setFlash(editing ? t('person.saved', { name: fullName(person) }) : t('person.created', { name: fullName(person) }));
      navigate(returnTo ? `${returnTo}${returnTo.includes('?') ? '&' : '?'}person=${encodeURIComponent(person.id)}` : `/persons/${encodeURIComponent(person.id)}`);
    } catch (err) {
      // Back to the form (rendered at once) so that the messages can link to its fields.
      flushSync(() => setCandidates(null));
      showApiError(err);
      setBusy(false);
    }
  }

  /** Registering, or changing who the record identifies, first looks for records of the same person. */
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (errors.set(check())) return;
    const unchanged = editing && existing.data !== undefined && identity(v) === identity(fromPerson(existing.data));
    if (!unchanged) {
      setBusy(true);
      try {
        const probe = body();
        const { items } = await api.post<{ items: DuplicateCandidate[] }>('/persons/duplicates', {
          given_name: probe.given_name,
          family_name: probe.family_name,
          ...(probe.birth_date ? { birth_date: probe.birth_date } : {}),
          document_numbers: (probe.documents ?? []).map((d) => d.number),
          ...(editing ? { exclude_id: id } : {}),
        });
        if (items.length > 0) {
          setCandidates(items);
          setBusy(false);
          return;
        }
      } catch (err) {
        showApiError(err);
        setBusy(false);
        return;
      }
    }
    await save();
  }

  function backToForm() {
    setCandidates(null);
    // the form comes back in place of the step: put the reader at its top again
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  }

  if (candidates)
    return <DuplicatesStep name={fullName(v)} candidates={candidates} editing={editing} busy={busy} onBack={backToForm} onSaveAnyway={() => void save()} />;

  const back = editing ? `/persons/${encodeURIComponent(id)}` : returnTo || '/persons';
  return (
    <div className="narrow">
      <BackLink to={back} />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={t('persons.title')}>
        {editing && existing.data ? t('person.edit.title', { name: fullName(existing.data) }) : t('person.new.title')}
      </PageHeading>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id="given_name" label={t('person.givenName')} autoComplete="off" value={v.given_name} onValue={set('given_name')} error={errors.field('given_name')} width="20" />
        <TextInput id="family_name" label={t('person.familyName')} autoComplete="off" value={v.family_name} onValue={set('family_name')} error={errors.field('family_name')} width="20" />
        <TextInput
          id="birth_date"
          type="date"
          label={t('person.birthDate')}
          hint={t('person.birthDate.hint')}
          autoComplete="off"
          value={v.birth_date}
          onValue={set('birth_date')}
          error={errors.field('birth_date')}
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
          id="nationality_iso3"
          label={t('person.nationality')}
          hint={t('person.nationality.hint')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={3}
          value={v.nationality_iso3}
          onValue={set('nationality_iso3')}
          error={errors.field('nationality_iso3')}
          width="4"
        />
        <CheckboxGroup
          id="languages"
          legend={t('person.languages')}
          hint={t('person.languages.hint')}
          options={COMMON_LANGUAGES.map((code) => ({ value: code, label: personLabels.language(code) }))}
          value={v.languages}
          onValue={set('languages')}
        />
        <TextInput
          id="otherLanguages"
          label={t('person.languages.other')}
          hint={t('person.languages.other.hint')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={v.otherLanguages}
          onValue={set('otherLanguages')}
          error={errors.field('otherLanguages')}
          width="20"
        />
        {v.replaceDocuments ? (
          <DocumentRows rows={v.documents} onRows={set('documents')} error={errors.field} />
        ) : (
          <div className="field" id="documents">
            <h2 className="field__label">{t('person.documents')}</h2>
            {existing.data?.documents.length ? (
              <ul className="person-values">
                {existing.data.documents.map((d, i) => (
                  <li key={`${i}:${d.kind}`}>{personLabels.document(d)}</li>
                ))}
              </ul>
            ) : (
              <p className="secondary">{t('person.documents.none')}</p>
            )}
            <p className="secondary">{t('person.documents.replace.hint')}</p>
            <Button id="documents-replace" variant="secondary" className="btn--small" onClick={() => setV((old) => ({ ...old, replaceDocuments: true, documents: [newDocumentDraft()] }))}>
              {t('person.documents.replace')}
            </Button>
          </div>
        )}
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
          id="org_unit_code"
          single
          legend={t('person.orgUnit')}
          hint={t('person.orgUnit.hint')}
          error={errors.field('org_unit_code')}
          value={v.org_unit}
          onChange={set('org_unit')}
          suggestions={me?.user.capture_scope ?? []}
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
