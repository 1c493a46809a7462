import { useEffect, useState } from 'react';
import { Button } from '../../app/components/Button';
import { Fieldset, Select, TextInput } from '../../app/components/Field';
import { useT } from '../../app/i18n';
import { usePersonLabels } from './labels';
import { DOCUMENT_KINDS, type DocumentKind } from './types';

/** One editable document row; `key` keeps React's identity of a row while rows are added and removed. */
export interface DocumentDraft {
  key: number;
  kind: DocumentKind;
  number: string;
  issuing_country_iso3: string;
}

export const MAX_DOCUMENTS = 10;

/** Field ids of a row, also the targets of its error messages (the API reports `documents.1.number`). */
export const documentFieldId = (index: number, field: 'kind' | 'number' | 'issuing_country_iso3') => `documents-${index}-${field}`;

let nextKey = 1;
export function newDocumentDraft(values: Partial<Omit<DocumentDraft, 'key'>> = {}): DocumentDraft {
  return { key: nextKey++, kind: 'passport', number: '', issuing_country_iso3: '', ...values };
}

/** Maps the API's error paths of the documents to the ids of their fields. */
export function documentErrorTargets(count: number): Record<string, string> {
  const ids: Record<string, string> = { documents: 'documents-add' };
  for (let i = 0; i < count; i++) {
    for (const f of ['kind', 'number', 'issuing_country_iso3'] as const) ids[`documents.${i}.${f}`] = documentFieldId(i, f);
  }
  return ids;
}

/** Identity documents as repeatable rows (kind, number, issuing country), each with its own errors. */
export function DocumentRows({ rows, onRows, error }: { rows: DocumentDraft[]; onRows: (rows: DocumentDraft[]) => void; error: (id: string) => string | undefined }) {
  const t = useT();
  const labels = usePersonLabels();
  // After adding or removing a row, focus moves to a field that still exists (keyboard and screen-reader users).
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const change = (index: number, patch: Partial<DocumentDraft>) => onRows(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const add = () => {
    onRows([...rows, newDocumentDraft()]);
    setFocusId(documentFieldId(rows.length, 'kind'));
  };
  const remove = (index: number) => {
    onRows(rows.filter((_, i) => i !== index));
    setFocusId(rows.length > 1 ? documentFieldId(Math.min(index, rows.length - 2), 'kind') : 'documents-add');
  };

  return (
    <Fieldset id="documents" legend={t('person.documents')} hint={t('person.documents.hint')}>
      {rows.length === 0 ? <p className="secondary">{t('person.documents.none')}</p> : null}
      {rows.map((row, i) => {
        const n = i + 1;
        return (
          <fieldset className="person-doc" key={row.key}>
            <legend className="person-doc__legend">{t('person.document.legend', { n })}</legend>
            <Select
              id={documentFieldId(i, 'kind')}
              label={t('person.document.kind')}
              options={DOCUMENT_KINDS.map((k) => ({ value: k, label: labels.documentKind(k) }))}
              value={row.kind}
              onValue={(kind) => change(i, { kind: kind as DocumentKind })}
              error={error(documentFieldId(i, 'kind'))}
            />
            <TextInput
              id={documentFieldId(i, 'number')}
              label={t('person.document.number')}
              autoComplete="off"
              spellCheck={false}
              maxLength={60}
              value={row.number}
              onValue={(number) => change(i, { number })}
              error={error(documentFieldId(i, 'number'))}
              width="20"
            />
            <TextInput
              id={documentFieldId(i, 'issuing_country_iso3')}
              label={t('person.document.country')}
              hint={t('person.document.country.hint')}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={3}
              value={row.issuing_country_iso3}
              onValue={(country) => change(i, { issuing_country_iso3: country })}
              error={error(documentFieldId(i, 'issuing_country_iso3'))}
              width="4"
            />
            <Button variant="secondary" className="btn--small" onClick={() => remove(i)}>
              {t('person.document.remove')}
              <span className="visually-hidden"> {t('person.document.legend', { n })}</span>
            </Button>
          </fieldset>
        );
      })}
      {rows.length < MAX_DOCUMENTS ? (
        <Button id="documents-add" variant="secondary" onClick={add}>
          {rows.length === 0 ? t('person.document.addFirst') : t('person.document.add')}
        </Button>
      ) : (
        <p id="documents-add" tabIndex={-1} className="secondary">
          {t('person.documents.max', { max: MAX_DOCUMENTS })}
        </p>
      )}
    </Fieldset>
  );
}
