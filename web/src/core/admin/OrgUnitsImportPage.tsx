import { useState, type ChangeEvent } from 'react';
import { api, ApiError, isAbort, type FieldError } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary, type SummaryItem } from '../../app/components/ErrorSummary';
import { Textarea } from '../../app/components/Field';
import { BackLink, Notice, PageHeading, Table } from '../../app/components/Layout';
import { formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';

const SUMMARY_MAX = 10;

export default function OrgUnitsImportPage() {
  const { t, locale } = useI18n();
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('');
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [summary, setSummary] = useState<{ items: SummaryItem[]; seq: number }>({ items: [], seq: 0 });
  const [result, setResult] = useState<{ tone: 'success' | 'info'; text: string } | null>(null);

  async function onFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setCsv(await file.text());
    setResult(null);
    setProblems([]);
    setSummary((s) => ({ items: [], seq: s.seq }));
  }

  function fail(items: SummaryItem[], list: FieldError[] = []) {
    setProblems(list);
    setSummary((s) => ({ items, seq: s.seq + 1 }));
  }

  async function send(dryRun: boolean) {
    if (busy) return;
    setResult(null);
    if (!csv.trim()) {
      fail([{ target: 'csv', message: t('orgUnits.import.empty') }]);
      return;
    }
    setBusy(dryRun ? 'check' : 'import');
    try {
      const r = await api.post<{ imported: number; dry_run: boolean }>('/org-units/import', { csv, dry_run: dryRun });
      fail([]);
      setSummary((s) => ({ items: [], seq: s.seq }));
      setResult(
        dryRun
          ? { tone: 'info', text: t('orgUnits.import.checked', { count: formatNumber(r.imported, locale) }) }
          : { tone: 'success', text: t('orgUnits.import.done', { count: formatNumber(r.imported, locale) }) },
      );
    } catch (err) {
      if (isAbort(err)) return;
      if (err instanceof ApiError && err.fields.length > 0) {
        const items: SummaryItem[] = err.fields.slice(0, SUMMARY_MAX).map((f) => ({ target: 'csv', message: `${f.path}: ${f.message}` }));
        if (err.fields.length > SUMMARY_MAX) {
          items.push({ message: t('orgUnits.import.more', { count: formatNumber(err.fields.length - SUMMARY_MAX, locale) }) });
        }
        fail(items, err.fields);
      } else {
        fail([{ target: 'csv', message: err instanceof Error ? err.message : t('error.unexpected') }]);
      }
    }
    setBusy(null);
  }

  return (
    <>
      <BackLink to="/admin/org-units">{t('admin.nav.orgUnits')}</BackLink>
      <ErrorSummary items={summary.items} seq={summary.seq} />
      <PageHeading caption={t('admin.nav.orgUnits')}>{t('orgUnits.import.title')}</PageHeading>
      <div className="narrow">
        <p>{t('orgUnits.import.intro')}</p>
        <ul className="list">
          <li>
            <code>code</code>, <code>name</code>, <code>parent_code</code> — {t('orgUnits.import.required')}
          </li>
          <li>
            <code>name_en</code>, <code>kind</code> — {t('orgUnits.import.optional')}
          </li>
        </ul>
        <p>{t('orgUnits.import.allOrNothing')}</p>
      </div>
      <div className="field">
        <label className="label" htmlFor="csv-file">
          {t('orgUnits.import.file')}
        </label>
        <div className="hint" id="csv-file-hint">
          {t('orgUnits.import.file.hint')}
        </div>
        <input id="csv-file" type="file" accept=".csv,text/csv" aria-describedby="csv-file-hint" onChange={(e) => void onFile(e)} />
        {fileName ? <p className="secondary">{t('orgUnits.import.fileRead', { name: fileName })}</p> : null}
      </div>
      <Textarea
        id="csv"
        label={t('orgUnits.import.csv')}
        hint={t('orgUnits.import.csv.hint')}
        value={csv}
        onValue={(v) => {
          setCsv(v);
          setResult(null);
        }}
        rows={10}
        className="textarea--code"
        error={summary.items.length > 0 ? t('orgUnits.import.hasProblems') : undefined}
      />
      <ButtonGroup>
        <Button variant="secondary" busy={busy === 'check'} onClick={() => void send(true)}>
          {t('orgUnits.import.check')}
        </Button>
        <Button busy={busy === 'import'} onClick={() => void send(false)}>
          {t('orgUnits.import.submit')}
        </Button>
      </ButtonGroup>
      <div aria-live="polite">
        {busy ? <p className="loading">{t('common.working')}</p> : null}
        {result ? (
          <Notice tone={result.tone}>
            <p>{result.text}</p>
          </Notice>
        ) : null}
      </div>
      {problems.length > 0 ? (
        <Table caption={t('orgUnits.import.problems', { count: formatNumber(problems.length, locale) })} head={[t('orgUnits.import.where'), t('orgUnits.import.problem')]}>
          {problems.map((p, i) => (
            <tr key={i}>
              <td className="nowrap">{p.path}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </>
  );
}
