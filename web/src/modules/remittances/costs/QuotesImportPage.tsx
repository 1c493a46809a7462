import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { Button, ButtonGroup } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { BackLink, Notice, PageHeading, Table } from '../../../app/components/Layout';
import { useMutation } from '../../../app/components/useMutation';
import { useI18n } from '../../../app/i18n';
import { Link } from '../../../app/router';
import { formatMoney, formatPct, formatQuarter } from './format';
import { fileToBase64 } from './shared';
import './costs.css';

/**
 * Import a CSV or XLSX of service quotes: read and check every row first (nothing written), show the problems by row
 * and column, then import every row or none. The file travels as base64 in JSON; the server keeps nothing until then.
 */

interface Preview {
  file: { format: string; encoding: string | null; delimiter: string | null; sheet: string | null; headers: string[]; row_count: number };
  decimal: string;
  valid: number;
  rejected_rows: number;
  problem_count: number;
  problems: { row: number; column: string; column_letter: string; code: string; path: string; message: string }[];
  quotes: { period: string; sending_country_name: string; receiving_country_name: string; provider: string; product: string; amount_sent: number; sending_currency: string; fee: number; total_cost_pct: number }[];
}

const COLUMNS = 'sending_country, receiving_country, period, provider, provider_type, product, amount_sent, sending_currency, receiving_currency, fee, exchange_rate, interbank_rate, rate_disclosed, speed, payout_method';

export default function QuotesImportPage() {
  const { t, locale } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ file_name: string; content_base64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const check = useMutation((body: { file_name: string; content_base64: string }) => api.post<Preview>('/remittances/quotes/import/preview', body), {
    fieldIds: { content_base64: 'rc-file', file_name: 'rc-file' },
    generalTarget: 'rc-file',
    onSuccess: (answer, [body]) => {
      setFile(body);
      setPreview(answer);
    },
  });
  const load = useMutation((body: { file_name: string; content_base64: string }) => api.post<{ imported: number }>('/remittances/quotes/import', body), {
    generalTarget: 'rc-file',
    onSuccess: (answer) => {
      setImported(answer.imported);
      setPreview(null);
      setFile(null);
      if (input.current) input.current.value = '';
    },
  });
  const busy = check.busy || load.busy;
  // One summary for the page: the import's problems once it was tried, else the check's.
  const errors = load.errors.items.length > 0 ? load.errors : check.errors;
  const q = t('rc.quarterLetter');

  async function read(e: FormEvent) {
    e.preventDefault();
    const chosen = input.current?.files?.[0];
    load.reset();
    if (!chosen) {
      check.errors.set([['rc-file', t('rc.import.chooseFile')]]);
      return;
    }
    setPreview(null);
    setImported(null);
    await check.run({ file_name: chosen.name, content_base64: await fileToBase64(chosen) });
  }

  async function run() {
    if (file) await load.run(file);
  }

  return (
    <>
      <BackLink to="/remittances/quotes">{t('rc.quotes.title')}</BackLink>
      <PageHeading>{t('rc.import.title')}</PageHeading>
      <p className="lead">{t('rc.import.lead')}</p>
      <details className="rc-details">
        <summary>{t('rc.import.columnsTitle')}</summary>
        <p>{t('rc.import.columns')}</p>
        <p className="code">{COLUMNS}</p>
      </details>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      {imported !== null ? (
        <Notice tone="success" title={t('rc.import.done')} live>
          <p>{t('rc.import.doneBody', { count: imported })}</p>
          <p>
            <Link to="/remittances/quotes">{t('rc.import.toList')}</Link>
          </p>
        </Notice>
      ) : null}
      <form onSubmit={(e) => void read(e)} noValidate>
        <div className={`field${errors.field('rc-file') ? ' field--error' : ''}`}>
          <label className="label" htmlFor="rc-file">
            {t('rc.import.file')}
          </label>
          <div className="hint" id="rc-file-hint">
            {t('rc.import.fileHint')}
          </div>
          {errors.field('rc-file') ? (
            <p className="error-message" id="rc-file-error">
              <span className="visually-hidden">{t('common.errorPrefix')} </span>
              {errors.field('rc-file')}
            </p>
          ) : null}
          <input ref={input} id="rc-file" name="rc-file" type="file" accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={`rc-file-hint${errors.field('rc-file') ? ' rc-file-error' : ''}`} />
        </div>
        <Button type="submit" variant={preview ? 'secondary' : 'primary'} busy={busy}>
          {t('rc.import.read')}
        </Button>
      </form>

      {preview ? (
        <section aria-labelledby="rc-preview-title">
          <h2 id="rc-preview-title">{t('rc.import.previewTitle', { name: file?.file_name ?? '' })}</h2>
          <p>{t('rc.import.summary', { rows: preview.file.row_count, valid: preview.valid, rejected: preview.rejected_rows })}</p>
          {preview.problem_count ? (
            <>
              <Notice tone="warning" title={t('rc.import.problems', { count: preview.problem_count })}>
                {t('rc.import.nothingWritten')}
              </Notice>
              <Table caption={t('rc.import.problemsCaption')} head={[t('rc.col.row'), t('rc.col.column'), t('rc.col.problem')]} numeric={[0]}>
                {preview.problems.map((p, i) => (
                  <tr key={i}>
                    <td className="num">{p.row || '–'}</td>
                    <td>{p.column ? `${p.column} (${p.column_letter})` : '–'}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </Table>
            </>
          ) : (
            <>
              <Notice tone="success">{t('rc.import.noProblems')}</Notice>
              <Table
                caption={t('rc.import.quotesCaption')}
                head={[t('rc.col.period'), t('rc.col.corridor'), t('rc.col.service'), t('rc.col.amount'), t('rc.col.fee'), t('rc.col.totalCost')]}
                numeric={[3, 4, 5]}
              >
                {preview.quotes.map((x, i) => (
                  <tr key={i}>
                    <td>{formatQuarter(x.period, q)}</td>
                    <td>{t('rc.sdg.corridorName', { from: x.sending_country_name, to: x.receiving_country_name })}</td>
                    <td>
                      {x.provider} <span className="rc-sub">{x.product}</span>
                    </td>
                    <td className="num">{formatMoney(x.amount_sent, x.sending_currency, locale)}</td>
                    <td className="num">{formatMoney(x.fee, x.sending_currency, locale)}</td>
                    <td className="num">{formatPct(x.total_cost_pct, locale)}</td>
                  </tr>
                ))}
              </Table>
              <ButtonGroup>
                <Button onClick={() => void run()} busy={busy}>
                  {t('rc.import.run', { count: preview.valid })}
                </Button>
              </ButtonGroup>
            </>
          )}
        </section>
      ) : null}
    </>
  );
}
