import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, query } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Fieldset, Select, TextInput } from '../../app/components/Field';
import { Loading, Notice, PageHeading, Tag } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useMutation } from '../../app/components/useMutation';
import { useI18n } from '../../app/i18n';
import { navigate, useLeaveGuard, useLocation } from '../../app/router';
import type { OrgUnit } from '../../core/admin/shared';
import { useRnLabels } from './labels';
import { ReintegrationNav } from './ReintegrationNav';
import { NEED_CODES, RESPONSES, type Need, type ResponseCode, type ReturnCategory } from './types';
import './reintegration.css';

const HERE = '/reintegration/settings';
/** What the server accepts as a category code (`categoriesBody`). */
const CATEGORY_CODE = /^[a-z0-9_]{1,60}$/;

/**
 * What a country configures for reintegration (`reintegration.configure`): the return categories of its law, and
 * the response grid the plan's proposals come from. Each section saves on its own, replacing the whole list.
 */
export default function SettingsPage() {
  const { t } = useI18n();
  return (
    <>
      <ReintegrationNav trail={[{ label: t('rn.nav.settings') }]} />
      <PageHeading caption={t('rn.title')}>{t('rn.settings.title')}</PageHeading>
      <p className="lead">{t('rn.settings.intro')}</p>
      <CategoriesSection />
      <GridSection />
    </>
  );
}

// ---------------------------------------------------------------- return categories

interface CategoryRow {
  /** Stable across reordering, for React only. */
  key: number;
  code: string;
  label_es: string;
  label_en: string;
  example: boolean;
}

/** The country is in the address (`?country=HND`), so that a reload or a shared link shows the same list. */
function CategoriesSection() {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const countries = useApi<{ items: OrgUnit[] }>(`/org-units${query({ kind: 'country', limit: 1000 })}`);
  const all = useApi<{ items: ReturnCategory[] }>('/reintegration/return-categories');
  // Without a choice, the first country that has categories (where a ministry most likely starts).
  const country = search.get('country') ?? all.data?.items[0]?.country_iso3 ?? '';
  const [picked, setPicked] = useState(country);
  useEffect(() => setPicked(country), [country]);
  const sorted = [...(countries.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale));
  const countryName = sorted.find((c) => c.code === country)?.name ?? country;

  // The default country depends on which lists exist: once one is saved, the address names it, so it stays shown.
  function pin() {
    if (!search.has('country')) navigate(`${HERE}${query({ country })}`, { replace: true, keepScroll: true });
  }

  function show(e: FormEvent) {
    e.preventDefault();
    if (picked) navigate(`${HERE}${query({ country: picked })}`, { keepScroll: true });
  }

  return (
    <section aria-labelledby="categories-title">
      <h2 id="categories-title">{t('rn.settings.categories.title')}</h2>
      <p>{t('rn.settings.categories.intro')}</p>
      {countries.error ? (
        <Notice tone="error" live>
          <p>{countries.error.message}</p>
        </Notice>
      ) : null}
      <form className="rn-filters rn-settings-country" onSubmit={show} noValidate aria-label={t('rn.settings.country.show')}>
        <Select
          id="settings-country"
          label={t('rn.settings.country')}
          value={picked}
          onValue={setPicked}
          options={[{ value: '', label: t('rn.settings.country.choose') }, ...sorted.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))]}
        />
        <Button type="submit" variant="secondary">
          {t('rn.settings.country.show')}
        </Button>
      </form>
      {country ? <CategoriesEditor key={country} country={country} countryName={countryName} onSaved={pin} /> : null}
    </section>
  );
}

function CategoriesEditor({ country, countryName, onSaved }: { country: string; countryName: string; onSaved: () => void }) {
  const { t } = useI18n();
  const list = useApi<{ items: ReturnCategory[] }>(`/reintegration/return-categories${query({ country })}`);
  const nextKey = useRef(0);
  const [rows, setRows] = useState<CategoryRow[] | null>(null);
  const [saved, setSaved] = useState('');
  const [dirty, setDirty] = useState(false);
  useLeaveGuard(dirty ? t('rn.settings.leave') : null);

  const toRows = (items: ReturnCategory[]): CategoryRow[] => items.map((c) => ({ key: nextKey.current++, code: c.code, label_es: c.label_es, label_en: c.label_en, example: c.example }));
  const saveCategories = useMutation(
    (items: { code: string; label_es: string; label_en: string }[]) => api.put<{ items: ReturnCategory[] }>(`/reintegration/return-categories/${encodeURIComponent(country)}`, { items }),
    {
      // The server names a row's field as `items.2.label_es`: that is the field `cat-2-label_es` here.
      fieldIds: Object.fromEntries((rows ?? []).flatMap((_, i) => (['code', 'label_es', 'label_en'] as const).map((f) => [`items.${i}.${f}`, `cat-${i}-${f}`]))),
      onSuccess: (answer) => {
        setRows(toRows(answer.items));
        setDirty(false);
        setSaved(t('rn.settings.categories.saved', { country: countryName }));
        onSaved();
      },
    },
  );
  const { busy, errors } = saveCategories;
  useEffect(() => {
    if (list.data) setRows(toRows(list.data.items));
  }, [list.data]);

  /** Every change but typing renumbers the rows, so earlier messages would point at the wrong one: they go. */
  function change(next: CategoryRow[], structural: boolean) {
    setRows(next);
    setSaved('');
    setDirty(true);
    if (structural) errors.clear();
  }
  const edit = (i: number, field: 'code' | 'label_es' | 'label_en') => (value: string) => rows && change(rows.map((r, j) => (j === i ? { ...r, [field]: value } : r)), false);
  const move = (i: number, by: -1 | 1) => rows && change(swap(rows, i, i + by), true);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (busy || !rows) return;
    const items = rows.map((r) => ({ code: r.code.trim(), label_es: r.label_es.trim(), label_en: r.label_en.trim() }));
    const problems: [string, string][] = [];
    const firstOf = new Map<string, number>();
    items.forEach((item, i) => {
      const n = i + 1;
      if (!CATEGORY_CODE.test(item.code)) problems.push([`cat-${i}-code`, t('rn.settings.category.code.format', { n })]);
      else if (firstOf.has(item.code)) problems.push([`cat-${i}-code`, t('rn.settings.category.code.repeated', { n, code: item.code, first: firstOf.get(item.code)! + 1 })]);
      else firstOf.set(item.code, i);
      if (!item.label_es) problems.push([`cat-${i}-label_es`, t('rn.settings.category.labelEs.required', { n })]);
      if (!item.label_en) problems.push([`cat-${i}-label_en`, t('rn.settings.category.labelEn.required', { n })]);
    });
    if (errors.set(problems)) return;
    await saveCategories.run(items);
  }

  if (list.error)
    return (
      <Notice tone="error" live>
        <p>{list.error.message}</p>
      </Notice>
    );
  if (!rows) return <Loading />;
  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="categories-of">
      <h3 id="categories-of">{t('rn.settings.categories.of', { country: countryName })}</h3>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <div role="status">
        {saved ? (
          <Notice tone="success">
            <p>{saved}</p>
          </Notice>
        ) : null}
      </div>
      {rows.some((r) => r.example) ? (
        <Notice tone="warning">
          <p>{t('rn.settings.categories.examples')}</p>
        </Notice>
      ) : null}
      {rows.length === 0 ? <p>{t('rn.settings.categories.none', { country: countryName })}</p> : null}
      <ol className="rn-settings-list">
        {rows.map((r, i) => {
          const n = i + 1;
          const name = r.label_es.trim() || r.code.trim() || t('rn.settings.category.legend', { n });
          return (
            <li key={r.key} className="rn-panel rn-settings-row">
              <Fieldset
                id={`cat-${i}`}
                legend={
                  <>
                    {t('rn.settings.category.legend', { n })}
                    {r.example ? (
                      <>
                        {' '}
                        <Tag colour="yellow">{t('rn.settings.example')}</Tag>
                      </>
                    ) : null}
                  </>
                }
              >
                <TextInput id={`cat-${i}-code`} label={t('rn.settings.category.code')} hint={t('rn.settings.category.code.hint')} value={r.code} onValue={edit(i, 'code')} error={errors.field(`cat-${i}-code`)} autoComplete="off" spellCheck={false} width="20" />
                <div className="rn-settings-row__names">
                  <TextInput id={`cat-${i}-label_es`} lang="es" label={t('rn.settings.category.labelEs')} value={r.label_es} onValue={edit(i, 'label_es')} error={errors.field(`cat-${i}-label_es`)} autoComplete="off" />
                  <TextInput id={`cat-${i}-label_en`} lang="en" label={t('rn.settings.category.labelEn')} value={r.label_en} onValue={edit(i, 'label_en')} error={errors.field(`cat-${i}-label_en`)} autoComplete="off" />
                </div>
              </Fieldset>
              <RowButtons name={name} first={i === 0} last={i === rows.length - 1} onMove={(by) => move(i, by)} onRemove={() => change(rows.filter((_, j) => j !== i), true)} />
            </li>
          );
        })}
      </ol>
      <ButtonGroup>
        <Button variant="secondary" onClick={() => change([...rows, { key: nextKey.current++, code: '', label_es: '', label_en: '', example: false }], true)}>
          {t('rn.settings.category.add')}
        </Button>
      </ButtonGroup>
      {dirty ? <p className="secondary">{t('rn.settings.unsaved')}</p> : null}
      <Button type="submit" busy={busy}>
        {t('rn.settings.categories.save')}
      </Button>
    </form>
  );
}

/** Move up, move down and remove for one row of a list; `name` tells screen readers which row. */
function RowButtons({ name, first, last, onMove, onRemove }: { name: string; first: boolean; last: boolean; onMove: (by: -1 | 1) => void; onRemove: () => void }) {
  const { t } = useI18n();
  const which = <span className="visually-hidden"> {name}</span>;
  return (
    <div className="rn-settings-buttons">
      <Button variant="secondary" className="btn--small" disabled={first} onClick={() => onMove(-1)}>
        {t('rn.settings.moveUp')}
        {which}
      </Button>
      <Button variant="secondary" className="btn--small" disabled={last} onClick={() => onMove(1)}>
        {t('rn.settings.moveDown')}
        {which}
      </Button>
      <Button variant="warning" className="btn--small" onClick={onRemove}>
        {t('rn.settings.remove')}
        {which}
      </Button>
    </div>
  );
}

function swap<T>(list: T[], i: number, j: number): T[] {
  if (j < 0 || j >= list.length) return list;
  const next = [...list];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

// ---------------------------------------------------------------- response grid

type Grid = Record<Need, ResponseCode[]>;

const emptyGrid = (): Grid => Object.fromEntries(NEED_CODES.map((n) => [n, []])) as unknown as Grid;

function gridOf(entries: { need: Need; response: ResponseCode }[]): Grid {
  const grid = emptyGrid();
  for (const e of entries) grid[e.need].push(e.response);
  return grid;
}

/** The grid as the server stores it: needs in their usual order, each need's responses in the order chosen. */
const entriesOf = (grid: Grid) => NEED_CODES.flatMap((need) => grid[need].map((response) => ({ need, response })));

function GridSection() {
  const { t } = useI18n();
  const labels = useRnLabels();
  const loaded = useApi<{ entries: { need: Need; response: ResponseCode }[] }>('/reintegration/grid');
  const [grid, setGrid] = useState<Grid | null>(null);
  const [adding, setAdding] = useState<Partial<Record<Need, string>>>({});
  const [saved, setSaved] = useState('');
  const [dirty, setDirty] = useState(false);
  const saveGrid = useMutation((entries: { need: Need; response: ResponseCode }[]) => api.put<{ entries: { need: Need; response: ResponseCode }[] }>('/reintegration/grid', { entries }), {
    // The page offers no repeated or unknown response, so a refusal is about the grid as a whole: by the button.
    fieldIds: { entries: 'grid-save' },
    generalTarget: 'grid-save',
    onSuccess: (answer) => {
      setGrid(gridOf(answer.entries));
      setDirty(false);
      setSaved(t('rn.settings.grid.saved'));
    },
  });
  const { busy, errors } = saveGrid;
  useLeaveGuard(dirty ? t('rn.settings.leave') : null);

  useEffect(() => {
    if (loaded.data) setGrid(gridOf(loaded.data.entries));
  }, [loaded.data]);

  function change(need: Need, responses: ResponseCode[]) {
    setGrid((g) => (g ? { ...g, [need]: responses } : g));
    setSaved('');
    setDirty(true);
    errors.clear();
  }

  function add(need: Need) {
    const response = adding[need];
    if (!grid) return;
    if (!response) {
      errors.set([[`grid-${need}-add`, t('rn.settings.grid.add.required', { need: labels.need(need) })]]);
      return;
    }
    change(need, [...grid[need], response as ResponseCode]);
    setAdding((a) => ({ ...a, [need]: '' }));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (busy || !grid) return;
    const entries = entriesOf(grid);
    if (errors.set(entries.length ? [] : [['grid-save', t('rn.settings.grid.empty')]])) return;
    await saveGrid.run(entries);
  }

  return (
    <section aria-labelledby="grid-title">
      <h2 id="grid-title">{t('rn.settings.grid.title')}</h2>
      <p>{t('rn.settings.grid.intro')}</p>
      {loaded.error ? (
        <Notice tone="error" live>
          <p>{loaded.error.message}</p>
        </Notice>
      ) : null}
      {!grid ? (
        loaded.loading ? (
          <Loading />
        ) : null
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="grid-title">
          <ErrorSummary items={errors.items} seq={errors.seq} />
          <div role="status">
            {saved ? (
              <Notice tone="success">
                <p>{saved}</p>
              </Notice>
            ) : null}
          </div>
          {NEED_CODES.map((need) => {
            const responses = grid[need];
            const left = RESPONSES.filter((r) => !responses.includes(r));
            return (
              <section key={need} className="rn-panel" aria-labelledby={`grid-${need}`}>
                <h3 id={`grid-${need}`}>{labels.need(need)}</h3>
                {responses.length === 0 ? <p className="secondary">{t('rn.settings.grid.none')}</p> : null}
                <ol className="rn-settings-list rn-settings-grid">
                  {responses.map((response, i) => (
                    <li key={response}>
                      <span>{labels.response(response)}</span>
                      <RowButtons
                        name={`${labels.response(response)} (${labels.need(need)})`}
                        first={i === 0}
                        last={i === responses.length - 1}
                        onMove={(by) => change(need, swap(responses, i, i + by))}
                        onRemove={() => change(need, responses.filter((r) => r !== response))}
                      />
                    </li>
                  ))}
                </ol>
                {left.length > 0 ? (
                  <div className="rn-settings-add">
                    <Select
                      id={`grid-${need}-add`}
                      label={
                        <>
                          {t('rn.settings.grid.add')}
                          <span className="visually-hidden"> ({labels.need(need)})</span>
                        </>
                      }
                      value={adding[need] ?? ''}
                      onValue={(v) => setAdding((a) => ({ ...a, [need]: v }))}
                      error={errors.field(`grid-${need}-add`)}
                      options={[{ value: '', label: t('rn.settings.grid.add.choose') }, ...left.map((r) => ({ value: r, label: labels.response(r) }))]}
                    />
                    <Button variant="secondary" onClick={() => add(need)}>
                      {t('rn.settings.grid.add.submit')}
                      <span className="visually-hidden"> ({labels.need(need)})</span>
                    </Button>
                  </div>
                ) : null}
              </section>
            );
          })}
          {dirty ? <p className="secondary">{t('rn.settings.unsaved')}</p> : null}
          <Button id="grid-save" type="submit" busy={busy}>
            {t('rn.settings.grid.save')}
          </Button>
        </form>
      )}
    </section>
  );
}
