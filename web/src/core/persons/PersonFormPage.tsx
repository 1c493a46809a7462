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
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: string;
  nationalityIso3: string;
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
  orgUnit: OrgUnitRef[];
}

const EMPTY: Values = { givenName: '', familyName: '', birthDate: '', sex: 'unknown', nationalityIso3: '', phone: '', email: '', languages: [], otherLanguages: '', documents: [], replaceDocuments: true, orgUnit: [] };
const ISO3 = /^[A-Za-z]{3}$/;
const LANGUAGE_CODE = /^[a-z]{2,3}$/;
const MAX_LANGUAGES = 20;

const isCommon = (code: string) => (COMMON_LANGUAGES as readonly string[]).includes(code);

function fromPerson(p: Person): Values {
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    birthDate: p.birthDate ?? '',
    sex: p.sex ?? 'unknown',
    nationalityIso3: p.nationalityIso3 ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    languages: p.languages.filter(isCommon),
    otherLanguages: p.languages.filter((l) => !isCommon(l)).join(', '),
    documents: [],
    replaceDocuments: false,
    orgUnit: [p.orgUnit],
  };
}

/** The codes typed in the "other languages" field ("quc, kek" or "quc kek"), lower-cased. */
const otherCodes = (text: string) => text.split(/[\s,;]+/).map((c) => c.trim().toLowerCase()).filter(Boolean);

/** What identifies a person for the duplicates check; a change to any of it calls for a new check. */
function identity(v: Pick<Values, 'givenName' | 'familyName' | 'birthDate' | 'documents'>): string {
  return JSON.stringify([v.givenName.trim(), v.familyName.trim(), v.birthDate, v.documents.map((d) => documentKey(d.number)).sort()]);
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
    if (!v.givenName.trim()) problems.push(['givenName', t('person.givenName.required')]);
    if (!v.familyName.trim()) problems.push(['familyName', t('person.familyName.required')]);
    if (v.nationalityIso3.trim() && !ISO3.test(v.nationalityIso3.trim())) problems.push(['nationalityIso3', t('person.nationality.format')]);
    const badCode = otherCodes(v.otherLanguages).find((c) => !LANGUAGE_CODE.test(c));
    if (badCode !== undefined) problems.push(['otherLanguages', t('person.languages.other.format', { code: badCode })]);
    else if (new Set([...v.languages, ...otherCodes(v.otherLanguages)]).size > MAX_LANGUAGES) problems.push(['otherLanguages', t('person.languages.max', { max: MAX_LANGUAGES })]);
    v.documents.forEach((d, i) => {
      const n = i + 1;
      if (!documentKey(d.number)) problems.push([documentFieldId(i, 'number'), t('person.document.number.required', { n })]);
      if (d.issuingCountryIso3.trim() && !ISO3.test(d.issuingCountryIso3.trim())) problems.push([documentFieldId(i, 'issuingCountryIso3'), t('person.document.country.format', { n })]);
    });
    if (v.orgUnit.length === 0) problems.push(['orgUnitCode', t('person.orgUnit.required')]);
    return problems;
  }

  function body() {
    const opt = (s: string) => (s.trim() ? s.trim() : editing ? null : undefined);
    return {
      givenName: v.givenName.trim(),
      familyName: v.familyName.trim(),
      birthDate: opt(v.birthDate),
      sex: v.sex,
      nationalityIso3: opt(v.nationalityIso3.toUpperCase()),
      phone: opt(v.phone),
      email: opt(v.email),
      languages: [...new Set([...COMMON_LANGUAGES.filter((l) => v.languages.includes(l)), ...otherCodes(v.otherLanguages)])],
      ...(v.replaceDocuments && {
        documents: v.documents.map((d) => ({ kind: d.kind, number: d.number.trim(), issuingCountryIso3: d.issuingCountryIso3.trim() ? d.issuingCountryIso3.trim().toUpperCase() : null })),
      }),
      orgUnitCode: v.orgUnit[0]?.code,
    };
  }

  const showApiError = (err: unknown) =>
    errors.fromApi(err, { fieldIds: { orgUnit: 'orgUnitCode', languages: 'otherLanguages', ...documentErrorTargets(v.documents.length) }, generalTarget: 'givenName' });

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
          givenName: probe.givenName,
          familyName: probe.familyName,
          ...(probe.birthDate ? { birthDate: probe.birthDate } : {}),
          documentNumbers: (probe.documents ?? []).map((d) => d.number),
          ...(editing ? { excludeId: id } : {}),
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
