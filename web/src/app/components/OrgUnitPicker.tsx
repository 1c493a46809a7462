import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, isAbort, query, type OrgUnitRef } from '../api';
import { Button } from './Button';
import { ErrorMessage } from './Field';
import { useT } from '../i18n';
import { useLabels } from '../labels';

/**
 * Chooses org units with a search box over GET /org-units?q=. `single` keeps one unit. Shared by the core's and the
 * modules' forms (users, persons, cases, projects).
 * The search input carries `id`, so an error summary link lands on it.
 */
export function OrgUnitPicker({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  single = false,
  suggestions = [],
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  value: OrgUnitRef[];
  onChange: (v: OrgUnitRef[]) => void;
  single?: boolean;
  suggestions?: OrgUnitRef[];
}) {
  const t = useT();
  const labels = useLabels();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<OrgUnitRef[] | null>(null);
  const [status, setStatus] = useState('');
  const ctl = useRef<AbortController | null>(null);

  async function search(text: string) {
    ctl.current?.abort();
    const term = text.trim();
    if (term.length < 2) {
      setResults(null);
      setStatus('');
      return;
    }
    const c = new AbortController();
    ctl.current = c;
    try {
      const res = await api.get<{ items: OrgUnitRef[] }>(`/org-units${query({ q: term, limit: 20 })}`, { signal: c.signal });
      const items = res.items.map((o) => ({ code: o.code, name: o.name, kind: o.kind }));
      setResults(items);
      setStatus(items.length === 0 ? t('picker.noResults') : t('picker.results', { count: items.length }));
    } catch (err) {
      if (isAbort(err)) return;
      setStatus(err instanceof Error ? err.message : t('error.unexpected'));
    }
  }

  useEffect(() => {
    const h = window.setTimeout(() => void search(q), 350);
    return () => window.clearTimeout(h);
    // only the query text matters; a newer request aborts the older one
  }, [q]);

  useEffect(() => () => ctl.current?.abort(), []);

  function add(o: OrgUnitRef) {
    if (value.some((v) => v.code === o.code)) return;
    onChange(single ? [o] : [...value, o]);
    setStatus(t('picker.added', { name: o.name }));
  }

  function remove(o: OrgUnitRef) {
    onChange(value.filter((v) => v.code !== o.code));
    setStatus(t('picker.removed', { name: o.name }));
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      void search(q);
    }
  }

  const chosen = new Set(value.map((v) => v.code));
  const list = results ?? (q.trim().length < 2 ? suggestions.filter((s) => !chosen.has(s.code)) : []);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className={`field picker${error ? ' field--error' : ''}`}>
      <fieldset className="fieldset">
        <legend className="legend">{legend}</legend>
        {hint ? (
          <div className="hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        {error ? <ErrorMessage id={`${id}-error`} message={error} /> : null}
        {value.length === 0 ? (
          <p className="secondary">{t('picker.noneChosen')}</p>
        ) : (
          <ul className="picker__chosen" aria-label={t('picker.chosen')}>
            {value.map((o) => (
              <li key={o.code} className="picker__chip">
                <span>
                  {o.name} <span className="secondary">({o.code})</span>
                </span>
                <button type="button" className="picker__remove" onClick={() => remove(o)}>
                  {t('picker.remove')}
                  <span className="visually-hidden"> {o.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="picker__search">
          <div className="field">
            <label className="label" htmlFor={id}>
              {t('picker.search')}
              <span className="visually-hidden"> ({legend})</span>
            </label>
            <input
              id={id}
              type="search"
              className={`input input--w20${error ? ' input--error' : ''}`}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={onKey}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={describedBy}
            />
          </div>
          <Button variant="secondary" onClick={() => void search(q)}>
            {t('picker.searchButton')}
            <span className="visually-hidden"> ({legend})</span>
          </Button>
        </div>
        <p className="visually-hidden" role="status">
          {status}
        </p>
        {list.length > 0 ? (
          <ul className="picker__results" aria-label={results ? t('picker.resultsLabel') : t('picker.suggestions')}>
            {list.map((o) => (
              <li key={o.code}>
                <span>
                  {o.name} <span className="secondary">({labels.kind(o.kind)}, {o.code})</span>
                </span>
                {chosen.has(o.code) ? (
                  <span className="secondary">{t('picker.alreadyChosen')}</span>
                ) : (
                  <Button variant="secondary" onClick={() => add(o)}>
                    {single ? t('picker.choose') : t('picker.add')}
                    <span className="visually-hidden"> {o.name}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        ) : null}
        {results && results.length === 0 ? <p className="secondary">{t('picker.noResults')}</p> : null}
      </fieldset>
    </div>
  );
}
