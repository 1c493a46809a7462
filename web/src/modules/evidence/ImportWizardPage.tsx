import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, ApiError } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Checkbox, Radios, Select, TextInput } from '../../app/components/Field';
import { Breadcrumbs, Loading, Notice, PageHeading, Table } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatFull } from './format';
import type { ImportRecord } from './ImportsPage';
import './evidence.css';

/**
 * The import wizard: upload a CSV or XLSX of national series, map its columns, preview (errors listed by row and
 * column), import. Nothing is imported while errors remain, unless the user explicitly asks for the valid rows only.
 * The file is sent as base64 in JSON (`file`), with its name, on every step: the server keeps nothing until import.
 */

/** POST /imports/preview answers: the file as read, and (with a mapping) the check of every row. */
interface FileInfo {
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  header_row: number;
  headers: string[];
  row_count: number;
  sample: { row: number; cells: string[] }[];
}

interface Problem {
  row: number;
  column: string;
  column_letter: string;
  code: string;
  path: string;
  message: string;
}

interface Check {
  decimal: string;
  valid: number;
  unchanged: number;
  empty: number;
  rejected_rows: number;
  problem_count: number;
  problems: Problem[];
  values: { row: number; de: string; ou: string; pe: string; sex: string; disagg: string; value: number }[];
}

interface PreviewAnswer {
  file: FileInfo;
  check: Check | null;
}

interface DataElement {
  id: string;
  name?: string;
  name_es?: string;
  name_en?: string;
  importable?: boolean;
  period_type?: string;
  unit?: string;
}

type Step = 'upload' | 'map' | 'preview' | 'done';
const NONE = '';

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export default function ImportWizardPage() {
  const { t, lang, locale } = useI18n();
  const errors = useFormErrors();
  const [step, setStep] = useState<Step>('upload');
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [inspect, setInspect] = useState<FileInfo | null>(null);
  const [preview, setPreview] = useState<Check | null>(null);
  const [result, setResult] = useState<ImportRecord | null>(null);
  const [onlyValid, setOnlyValid] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  // mapping
  const [layout, setLayout] = useState<'long' | 'wide'>('long');
  const [ouCol, setOuCol] = useState(NONE);
  const [ouFixed, setOuFixed] = useState('');
  const [ouKind, setOuKind] = useState('');
  const [deCol, setDeCol] = useState(NONE);
  const [deFixed, setDeFixed] = useState('');
  const [peCol, setPeCol] = useState(NONE);
  const [peFixed, setPeFixed] = useState('');
  const [valueCol, setValueCol] = useState(NONE);
  const [sexCol, setSexCol] = useState(NONE);
  const [extraCol, setExtraCol] = useState(NONE);
  const [extraName, setExtraName] = useState('');
  const [decimal, setDecimal] = useState<'auto' | ',' | '.'>('auto');

  const des = useApi<{ items: DataElement[] }>('/evidence/data-elements');
  const importable = (des.data?.items ?? []).filter((d) => d.importable === true);
  const deName = (d: DataElement) => d.name || (lang === 'es' ? d.name_es : d.name_en) || d.id;

  const steps: { id: Step; label: string }[] = [
    { id: 'upload', label: t('ev.import.stepUpload') },
    { id: 'map', label: t('ev.import.stepMap') },
    { id: 'preview', label: t('ev.import.stepPreview') },
    { id: 'done', label: t('ev.import.stepDone') },
  ];

  function mapping() {
    const m: Record<string, unknown> = { layout, decimal };
    if (inspect?.sheet) m.sheet = inspect.sheet;
    if (inspect?.header_row && inspect.header_row !== 1) m.header_row = inspect.header_row;
    m.org_unit = ouCol ? { column: ouCol, ...(ouKind ? { kind: ouKind } : {}) } : { code: ouFixed.trim().toUpperCase() };
    m.data_element = deCol ? { column: deCol } : { id: deFixed };
    if (layout === 'long') {
      m.period = peCol ? { column: peCol } : { code: peFixed.trim() };
      m.value = valueCol;
    }
    const dis: { column: string; name: string }[] = [];
    if (sexCol) dis.push({ column: sexCol, name: 'sex' });
    if (extraCol) dis.push({ column: extraCol, name: extraName.trim() || extraCol });
    if (dis.length) m.disaggregations = dis;
    return m;
  }

  /** A first guess of the mapping from the column names (whole words, accents ignored); the user checks it. */
  function guess(headers: string[]) {
    const words = (h: string) => h.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').split(/[^a-z0-9]+/).filter(Boolean);
    const used = new Set<string>();
    const find = (...keys: string[]) => {
      const h = headers.find((x) => !used.has(x) && words(x).some((w) => keys.includes(w)));
      if (h) used.add(h);
      return h ?? NONE;
    };
    const ou = find('departamento', 'municipio', 'provincia', 'region', 'unidad', 'territorio', 'estado', 'ou', 'unit', 'codigo', 'code', 'pais', 'country');
    const pe = find('periodo', 'period', 'ano', 'anio', 'year', 'mes', 'month', 'fecha', 'date', 'trimestre', 'quarter');
    const sex = find('sexo', 'sex', 'genero', 'gender');
    const de = find('indicador', 'serie', 'series', 'elemento', 'indicator');
    let value = find('valor', 'value', 'monto', 'amount', 'cantidad', 'total', 'usd', 'remesas');
    if (!value) value = [...headers].reverse().find((h) => !used.has(h)) ?? NONE;
    setOuCol(ou);
    setPeCol(pe);
    setSexCol(sex);
    setDeCol(de);
    setValueCol(value);
  }

  async function upload(e: FormEvent) {
    e.preventDefault();
    const f = fileInput.current?.files?.[0];
    if (!f) {
      errors.set([['ev-file', t('ev.import.errorNoFile')]]);
      return;
    }
    if (!/\.(csv|txt|xlsx)$/i.test(f.name)) {
      errors.set([['ev-file', t('ev.import.errorType')]]);
      return;
    }
    setBusy(true);
    try {
      const base64 = toBase64(await f.arrayBuffer());
      const answer = (await api.post<PreviewAnswer>('/evidence/imports/preview', { file_name: f.name, content_base64: base64 })).file;
      // a corrected file with the same columns keeps the mapping and goes straight back to the preview
      const same = !!inspect && !!preview && inspect.headers.join('|') === answer.headers.join('|');
      setFile({ name: f.name, base64 });
      setInspect(answer);
      setPreview(null);
      errors.clear();
      if (same) {
        await runPreview({ base64, name: f.name });
      } else {
        guess(answer.headers);
        setStep('map');
      }
    } catch (err) {
      errors.fromApi(err, { generalTarget: 'ev-file', fieldIds: { file: 'ev-file' } });
    } finally {
      setBusy(false);
    }
  }

  function checkMapping(): boolean {
    const problems: [string, string][] = [];
    if (!ouCol && !ouFixed.trim()) problems.push(['ev-ou', t('ev.import.errorOu')]);
    if (!deCol && !deFixed) problems.push(['ev-de', t('ev.import.errorDe')]);
    if (layout === 'long' && !peCol && !peFixed.trim()) problems.push(['ev-pe', t('ev.import.errorPe')]);
    if (layout === 'long' && !valueCol) problems.push(['ev-value', t('ev.import.errorValue')]);
    return !errors.set(problems);
  }

  async function runPreview(f = file) {
    if (!f) return;
    setBusy(true);
    try {
      const answer = await api.post<PreviewAnswer>('/evidence/imports/preview', { file_name: f.name, content_base64: f.base64, mapping: mapping() });
      setInspect(answer.file);
      setPreview(answer.check);
      setOnlyValid(false);
      errors.clear();
      setStep('preview');
    } catch (err) {
      errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  }

  async function doImport() {
    if (!file || !preview) return;
    if (preview.problems.length > 0 && !onlyValid) {
      errors.set([['ev-only-valid', t('ev.import.errorProblemsRemain')]]);
      return;
    }
    setBusy(true);
    try {
      const answer = await api.post<ImportRecord>('/evidence/imports', {
        file_name: file.name,
        content_base64: file.base64,
        mapping: mapping(),
        valid_only: onlyValid,
      });
      setResult(answer);
      setStep('done');
      errors.clear();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        // the file changed under us or new problems: show them in the preview
        setPreview({ ...preview, problems: err.fields.map((f) => ({ row: 0, column: '', column_letter: '', code: '', message: f.message, path: f.path })) });
      }
      errors.fromApi(err);
    } finally {
      setBusy(false);
    }
  }

  const colOptions = (allowNone: string) => [{ value: NONE, label: allowNone }, ...(inspect?.headers ?? []).map((h) => ({ value: h, label: h }))];

  return (
    <>
      <Breadcrumbs
        items={[
          { label: t('nav.home'), to: '/' },
          { label: t('nav.evidence'), to: '/evidence' },
          { label: t('ev.imports.title'), to: '/evidence/imports' },
          { label: t('ev.import.title') },
        ]}
      />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={t('ev.import.stepOf', { n: steps.findIndex((s) => s.id === step) + 1, total: steps.length })}>{t('ev.import.title')}</PageHeading>
      <ol className="ev-steps" aria-label={t('ev.import.steps')}>
        {steps.map((s, i) => (
          <li key={s.id} aria-current={s.id === step ? 'step' : undefined}>
            {i + 1}. {s.label}
          </li>
        ))}
      </ol>

      {step === 'upload' ? (
        <form onSubmit={upload} noValidate>
          <p className="ev-intro">{t('ev.import.uploadLead')}</p>
          <p>
            <Link to="/evidence/data-elements/new">{t('ev.import.defineSeries')}</Link>
          </p>
          <div className={`field${errors.field('ev-file') ? ' field--error' : ''}`}>
            <label className="label" htmlFor="ev-file">
              {t('ev.import.file')}
            </label>
            <div className="hint" id="ev-file-hint">
              {t('ev.import.fileHint')}
            </div>
            {errors.field('ev-file') ? (
              <p id="ev-file-error" className="error-message">
                <span className="visually-hidden">{t('common.errorPrefix')} </span>
                {errors.field('ev-file')}
              </p>
            ) : null}
            <input
              ref={fileInput}
              id="ev-file"
              name="file"
              type="file"
              accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={`ev-file-hint${errors.field('ev-file') ? ' ev-file-error' : ''}`}
              onChange={(_e: ChangeEvent<HTMLInputElement>) => errors.clear()}
            />
          </div>
          <ButtonGroup>
            <Button type="submit" busy={busy}>
              {busy ? t('common.working') : t('ev.import.upload')}
            </Button>
            <Link to="/evidence/imports">{t('common.cancel')}</Link>
          </ButtonGroup>
        </form>
      ) : null}

      {step === 'map' && inspect ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (checkMapping()) void runPreview();
          }}
          noValidate
        >
          <p>
            {t('ev.import.fileRead', { file: file?.name ?? '', rows: inspect.row_count, columns: inspect.headers.length })}
            {inspect.encoding ? ` ${t('ev.import.detected', { encoding: inspect.encoding, delimiter: inspect.delimiter === ';' ? t('ev.import.semicolon') : inspect.delimiter === '\t' ? t('ev.import.tab') : inspect.delimiter ?? '' })}` : ''}
          </p>
          <Table caption={t('ev.import.sampleCaption')} head={inspect.headers}>
            {inspect.sample.slice(0, 5).map((r) => (
              <tr key={r.row}>
                {inspect.headers.map((_, j) => (
                  <td key={j}>{r.cells[j] ?? ''}</td>
                ))}
              </tr>
            ))}
          </Table>
          <Radios
            id="ev-layout"
            legend={t('ev.import.layout')}
            value={layout}
            onValue={(v) => setLayout(v as 'long' | 'wide')}
            options={[
              { value: 'long', label: t('ev.import.layoutLong') },
              { value: 'wide', label: t('ev.import.layoutWide') },
            ]}
          />
          <Select id="ev-ou" label={t('ev.import.ouColumn')} hint={t('ev.import.ouHint')} error={errors.field('ev-ou')} value={ouCol} onValue={setOuCol} options={colOptions(t('ev.import.fixedValue'))} />
          {!ouCol ? (
            <TextInput id="ev-ou-fixed" label={t('ev.import.ouFixed')} value={ouFixed} onValue={setOuFixed} width="10" />
          ) : (
            <Select
              id="ev-ou-kind"
              label={t('ev.import.ouKind')}
              hint={t('ev.import.ouKindHint')}
              value={ouKind}
              onValue={setOuKind}
              options={[
                { value: '', label: t('ev.import.ouKindAny') },
                { value: 'division', label: t('ev.import.ouKindDivision') },
                { value: 'municipality', label: t('ev.import.ouKindMunicipality') },
                { value: 'country', label: t('ev.import.ouKindCountry') },
              ]}
            />
          )}
          <Select id="ev-de" label={t('ev.import.deColumn')} error={errors.field('ev-de')} value={deCol} onValue={setDeCol} options={colOptions(t('ev.import.fixedSeries'))} />
          {!deCol ? (
            des.loading ? (
              <Loading />
            ) : (
              <Select
                id="ev-de-fixed"
                label={t('ev.import.deFixed')}
                hint={
                  importable.length === 0 ? (
                    <>
                      {t('ev.import.noImportable')} <Link to="/evidence/data-elements/new">{t('ev.import.defineSeries')}</Link>
                    </>
                  ) : undefined
                }
                value={deFixed}
                onValue={setDeFixed}
                options={[{ value: '', label: t('ev.compare.choose') }, ...importable.map((d) => ({ value: d.id, label: `${deName(d)} (${d.id})` }))]}
              />
            )
          ) : null}
          {layout === 'long' ? (
            <>
              <Select id="ev-pe" label={t('ev.import.peColumn')} hint={t('ev.import.peHint')} error={errors.field('ev-pe')} value={peCol} onValue={setPeCol} options={colOptions(t('ev.import.fixedValue'))} />
              {!peCol ? <TextInput id="ev-pe-fixed" label={t('ev.import.peFixed')} value={peFixed} onValue={setPeFixed} width="10" /> : null}
              <Select id="ev-value" label={t('ev.import.valueColumn')} error={errors.field('ev-value')} value={valueCol} onValue={setValueCol} options={colOptions(t('ev.import.chooseColumn'))} />
            </>
          ) : (
            <p className="hint">{t('ev.import.wideHint')}</p>
          )}
          <Select id="ev-sex" label={t('ev.import.sexColumn')} hint={t('ev.import.sexHint')} value={sexCol} onValue={setSexCol} options={colOptions(t('common.none'))} />
          <Select id="ev-extra" label={t('ev.import.extraColumn')} value={extraCol} onValue={setExtraCol} options={colOptions(t('common.none'))} />
          {extraCol ? <TextInput id="ev-extra-name" label={t('ev.import.extraName')} value={extraName} onValue={setExtraName} width="20" /> : null}
          <Radios
            id="ev-decimal"
            legend={t('ev.import.decimal')}
            inline
            value={decimal}
            onValue={(v) => setDecimal(v as 'auto' | ',' | '.')}
            options={[
              { value: 'auto', label: t('ev.import.decimalAuto') },
              { value: ',', label: t('ev.import.decimalComma') },
              { value: '.', label: t('ev.import.decimalPoint') },
            ]}
          />
          <ButtonGroup>
            <Button type="submit" busy={busy}>
              {busy ? t('common.working') : t('ev.import.toPreview')}
            </Button>
            <Button variant="secondary" onClick={() => setStep('upload')}>
              {t('ev.import.otherFile')}
            </Button>
          </ButtonGroup>
        </form>
      ) : null}

      {step === 'preview' && preview ? (
        <>
          <p>{t('ev.import.previewSummary', { rows: inspect?.row_count ?? 0, values: preview.valid, rejected: preview.rejected_rows })}</p>
          {preview.unchanged > 0 ? <p>{t('ev.import.unchanged', { count: preview.unchanged })}</p> : null}
          {preview.problems.length > 0 ? (
            <>
              <Notice tone="warning" title={preview.problem_count === 1 ? t('ev.import.problemsTitleOne') : t('ev.import.problemsTitle', { count: preview.problem_count })}>
                <p>{t('ev.import.problemsBody')}</p>
              </Notice>
              <Table caption={t('ev.import.problemsCaption')} head={[t('ev.import.row'), t('ev.import.column'), t('ev.import.problem')]} className="ev-problems">
                {preview.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.row > 0 ? p.row : '–'}</td>
                    <td>{p.column ? `${p.column}${p.column_letter ? ` (${p.column_letter})` : ''}` : p.path || '–'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </Table>
            </>
          ) : (
            <Notice tone="success" title={t('ev.import.noProblems')} />
          )}
          {preview.values.length > 0 ? (
            <Table caption={t('ev.import.valuesCaption')} head={[t('ev.import.row'), t('ev.import.series'), t('ev.import.unit'), t('ev.col.period'), t('ev.col.sex'), t('ev.import.value')]} numeric={[5]}>
              {preview.values.slice(0, 10).map((v, i) => (
                <tr key={i}>
                  <td>{v.row}</td>
                  <td>{v.de}</td>
                  <td>{v.ou}</td>
                  <td>{v.pe}</td>
                  <td>{v.sex}</td>
                  <td className="num">{formatFull(v.value, 'number', locale, 6)}</td>
                </tr>
              ))}
            </Table>
          ) : null}
          {preview.problems.length > 0 && preview.valid > 0 ? (
            <Checkbox id="ev-only-valid" label={t('ev.import.onlyValid', { values: preview.valid })} hint={t('ev.import.onlyValidHint')} checked={onlyValid} onChecked={setOnlyValid} />
          ) : null}
          <ButtonGroup>
            {preview.valid > 0 ? (
              <Button busy={busy} onClick={() => void doImport()}>
                {busy ? t('common.working') : preview.problems.length > 0 ? t('ev.import.importValid') : t('ev.import.import')}
              </Button>
            ) : null}
            <Button variant="secondary" onClick={() => setStep('upload')}>
              {t('ev.import.uploadFixed')}
            </Button>
            <Button variant="secondary" onClick={() => setStep('map')}>
              {t('ev.import.changeMapping')}
            </Button>
          </ButtonGroup>
        </>
      ) : null}

      {step === 'done' && result ? (
        <>
          <Notice tone="success" title={t('ev.import.doneTitle')} live>
            <p>{t('ev.import.doneBody', { count: result.rows_imported })}</p>
          </Notice>
          <ul className="list">
            {result.data_element_ids.map((d) => (
              <li key={d}>
                <Link to={`/evidence/series?de=${encodeURIComponent(d)}&ou=${encodeURIComponent(result.scope_code)}`}>{t('ev.import.seeSeries', { series: d })}</Link>
              </li>
            ))}
            <li>
              <Link to="/evidence/imports">{t('ev.imports.title')}</Link>
            </li>
          </ul>
        </>
      ) : null}
    </>
  );
}
