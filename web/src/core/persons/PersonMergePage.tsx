import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, isAbort, query } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Checkbox, Fieldset, TextInput } from '../../app/components/Field';
import { BackLink, Loading, Notice, PageHeading, Table, Tag } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { formatDate, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { NotFoundPage } from '../../app/pages/NotFoundPage';
import { Link, navigate, useLocation } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { DuplicateList } from './DuplicateList';
import { usePersonLabels } from './labels';
import { previewMerge, type MergedField } from './merge';
import { fullName, type DuplicateCandidate, type Person, type PersonSummary } from './types';
import './persons.css';

/**
 * Merging a duplicate into this record, in two steps kept in the address (so Back works): find and choose the
 * other record (`?q=` searches, `?duplicate=` chooses), then compare both and confirm.
 */
export default function PersonMergePage({ params }: PageProps) {
  const id = params.id ?? '';
  const base = `/persons/${encodeURIComponent(id)}`;
  const { search } = useLocation();
  const duplicateId = search.get('duplicate') ?? '';
  const survivor = useApi<Person>(base);

  if (survivor.loading) return <Loading />;
  if (survivor.error?.status === 404) return <NotFoundPage />;
  if (survivor.error || !survivor.data)
    return (
      <Notice tone="error" live>
        <p>{survivor.error?.message}</p>
      </Notice>
    );
  const person = survivor.data;

  // Each step has its own heading: mounting it moves focus there, as a new page would.
  return (
    <>
      <BackLink to={duplicateId ? `${base}/merge` : base} />
      {duplicateId ? <CompareStep key={duplicateId} person={person} duplicateId={duplicateId} /> : <ChooseStep person={person} />}
    </>
  );
}

/** Step 1: the records the duplicates check suggests, and a search among the people the user may see. */
function ChooseStep({ person }: { person: Person }) {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  const here = `/persons/${encodeURIComponent(person.id)}/merge`;
  const results = useApi<{ items: PersonSummary[] }>(q ? `/persons${query({ q })}` : null);
  const found = (results.data?.items ?? []).filter((p) => p.id !== person.id);
  const [suggested, setSuggested] = useState<DuplicateCandidate[] | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    api
      .post<{ items: DuplicateCandidate[] }>(
        '/persons/duplicates',
        {
          given_name: person.given_name,
          family_name: person.family_name,
          ...(person.birth_date ? { birth_date: person.birth_date } : {}),
          exclude_id: person.id,
        },
        { signal: ctl.signal },
      )
      .then((r) => setSuggested(r.items))
      .catch((err: unknown) => {
        // suggestions are a convenience: without them the search below still works
        if (!isAbort(err)) setSuggested([]);
      });
    return () => ctl.abort();
  }, [person]);

  const choose = (p: { id: string; given_name: string; family_name: string }) => (
    <Link to={`${here}${query({ duplicate: p.id })}`}>
      {t('person.merge.choose')}
      <span className="visually-hidden"> {fullName(p)}</span>
    </Link>
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    navigate(`${here}${query({ q: text.trim() })}`, { keepScroll: true });
  }

  return (
    <>
      <PageHeading caption={fullName(person)}>{t('person.merge.title')}</PageHeading>
      <p>{t('person.merge.intro', { name: fullName(person) })}</p>
      {suggested === null ? <Loading /> : null}
      {suggested && suggested.length > 0 ? (
        <>
          <h2 id="suggested-heading">{t('person.merge.suggested')}</h2>
          <DuplicateList labelledBy="suggested-heading" candidates={suggested} name={fullName} action={choose} />
        </>
      ) : null}

      <h2>{t('person.merge.search.title')}</h2>
      <form className="filter" role="search" onSubmit={submit} noValidate>
        <TextInput id="q" type="search" label={t('persons.search')} hint={t('persons.search.hint')} value={text} onValue={setText} autoComplete="off" width="20" />
        <Button type="submit" variant="secondary">
          {t('persons.search.button')}
        </Button>
      </form>
      {results.error ? (
        <Notice tone="error" live>
          <p>{results.error.message}</p>
        </Notice>
      ) : null}
      <p role="status" className="secondary">
        {q && results.loading ? t('common.loading') : q && results.data ? t('persons.count.query', { count: formatNumber(found.length, locale), q }) : ''}
      </p>
      {found.length > 0 ? (
        <Table caption={t('person.merge.results')} captionHidden head={[t('persons.name'), t('persons.orgUnit'), t('common.actions')]}>
          {found.map((p) => (
            <tr key={p.id}>
              <td>{fullName(p)}</td>
              <td>{p.org_unit.name}</td>
              <td>{choose(p)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}

/** Step 2: both records side by side, what the surviving one will hold, and the confirmation. */
function CompareStep({ person, duplicateId }: { person: Person; duplicateId: string }) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const personLabels = usePersonLabels();
  const base = `/persons/${encodeURIComponent(person.id)}`;
  const duplicate = useApi<Person>(duplicateId === person.id ? null : `/persons/${encodeURIComponent(duplicateId)}`);
  const errors = useFormErrors();
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const chooseAnother = <Link to={`${base}/merge`}>{t('person.merge.chooseAnother')}</Link>;
  const heading = <PageHeading caption={fullName(person)}>{t('person.merge.compare.title')}</PageHeading>;

  if (duplicateId === person.id)
    return (
      <>
        {heading}
        <Notice tone="error" live>
          <p>{t('person.merge.same')}</p>
          <p>{chooseAnother}</p>
        </Notice>
      </>
    );
  if (duplicate.loading) return <Loading />;
  if (duplicate.error || !duplicate.data)
    return (
      <>
        {heading}
        <Notice tone="error" live>
          <p>{duplicate.error?.status === 404 ? t('person.merge.notFound') : duplicate.error?.message}</p>
          <p>{chooseAnother}</p>
        </Notice>
      </>
    );
  const other = duplicate.data;
  const name = fullName(person);
  const otherName = fullName(other);
  const preview = previewMerge(person, other);
  const dash = '—';

  const show = (field: MergedField, value: string | null): string => {
    if (value === null || value === '') return dash;
    if (field === 'birth_date') return formatDate(value, locale);
    if (field === 'sex') return labels.sex(value);
    return value;
  };
  const fieldLabel: Record<MergedField, string> = {
    birth_date: t('person.birthDate'),
    sex: t('person.sex'),
    nationality_iso3: t('person.nationality'),
    phone: t('person.phone'),
    email: t('person.email'),
  };
  const filledTag = <Tag colour="blue">{t('person.merge.filled')}</Tag>;
  const list = (items: string[]) =>
    items.length ? (
      <ul className="person-values">
        {items.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    ) : (
      dash
    );
  const row = (key: string, kept: ReactNode, gone: ReactNode, result: ReactNode, filled = false) => (
    <tr key={key}>
      <th scope="row">{key}</th>
      <td>{kept}</td>
      <td>{gone}</td>
      <td className="person-merge__result">
        {result}
        {filled ? <div>{filledTag}</div> : null}
      </td>
    </tr>
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (errors.set(confirmed ? [] : [['confirm', t('person.merge.confirmRequired')]])) return;
    setBusy(true);
    try {
      await api.post<Person>(`${base}/merge`, { duplicate_id: other.id });
      setFlash(t('person.merge.done', { duplicate: otherName, name }));
      navigate(base, { replace: true });
    } catch (err) {
      errors.fromApi(err, { fieldIds: { duplicate_id: 'confirm' }, generalTarget: 'confirm' });
      setBusy(false);
    }
  }

  const language = personLabels.language;
  const documents = (ds: Person['documents']) => ds.map(personLabels.document);
  return (
    <>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      {heading}
      <p>{t('person.merge.compare.intro', { name, duplicate: otherName })}</p>
      <Table
        caption={t('person.merge.compare.caption')}
        className="person-merge table--medium"
        head={[t('person.merge.field'), t('person.merge.kept', { name }), t('person.merge.gone', { name: otherName }), t('person.merge.result')]}
      >
        {row(t('person.givenName'), person.given_name, other.given_name, person.given_name)}
        {row(t('person.familyName'), person.family_name, other.family_name, person.family_name)}
        {preview.fields.map((f) => row(fieldLabel[f.field], show(f.field, f.kept), show(f.field, f.duplicate), show(f.field, f.result), f.filled))}
        {row(
          t('person.languages'),
          list(person.languages.map(language)),
          list(other.languages.map(language)),
          list(preview.languages.result.map(language)),
          preview.languages.added.length > 0,
        )}
        {row(t('person.documents'), list(documents(person.documents)), list(documents(other.documents)), list(documents(preview.documents.result)), preview.documents.added.length > 0)}
        {row(t('person.orgUnit'), person.org_unit.name, other.org_unit.name, person.org_unit.name)}
        {row(
          t('consent.title'),
          formatNumber(person.consents.length, locale),
          formatNumber(other.consents.length, locale),
          formatNumber(person.consents.length + preview.movedConsents, locale),
          preview.movedConsents > 0,
        )}
      </Table>
      <p>{t('person.merge.modules')}</p>
      <p>{chooseAnother}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Fieldset id="confirm-group" legend={t('person.erase.confirmLegend')} error={errors.field('confirm')}>
          <Checkbox id="confirm" label={t('person.merge.confirm', { duplicate: otherName, name })} checked={confirmed} onChecked={setConfirmed} />
        </Fieldset>
        <ButtonGroup>
          <Button type="submit" variant="warning" busy={busy}>
            {t('person.merge.submit')}
          </Button>
          <Link to={base}>{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </>
  );
}
