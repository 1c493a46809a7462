import { useState, type ChangeEvent, type FormEvent } from 'react';
import { api, query } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { ErrorMessage } from '../../app/components/Field';
import { Loading, Notice, PageHeading, SummaryList, Table, Tag } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useMutation } from '../../app/components/useMutation';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link, navigate, useLocation } from '../../app/router';
import { useRnLabels } from './labels';
import { ReintegrationNav } from './ReintegrationNav';
import { useScoreFormat } from './scores/format';
import type { Instrument, InstrumentSummary } from './scores/types';
import './reintegration.css';
import './scores/scores.css';

const HERE = '/reintegration/instruments';

/**
 * The sustainability survey's versions: which one is active, its questions and how they are scored. An
 * administrator loads another version from a JSON file (it becomes the active one) or activates an earlier one.
 */
export default function InstrumentsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { search } = useLocation();
  const list = useApi<{ items: InstrumentSummary[] }>('/reintegration/instruments');
  const items = list.data?.items ?? [];
  const active = items.find((i) => i.active);
  const shownId = search.get('version') ?? active?.id ?? null;
  const shown = useApi<Instrument>(shownId ? `/reintegration/instruments/${encodeURIComponent(shownId)}` : null);
  const configure = can('reintegration.configure');
  // Said on this page (the page stays: a flash would wait for the next one).
  const [done, setDone] = useState('');
  // A new key empties the file form after a load.
  const [loads, setLoads] = useState(0);
  const activation = useMutation((i: InstrumentSummary) => api.post<Instrument>(`/reintegration/instruments/${encodeURIComponent(i.id)}/activate`), {
    onSuccess: (_, [i]) => {
      setDone(t('rn.instruments.activated', { name: i.name, version: i.version }));
      list.reload();
      if (search.has('version')) navigate(HERE, { replace: true, keepScroll: true });
    },
  });
  /** the version whose button is busy */
  const busy = activation.running?.[0].id ?? null;
  const failure = activation.message;

  async function activate(i: InstrumentSummary) {
    setDone('');
    await activation.run(i);
  }

  return (
    <>
      <ReintegrationNav trail={[{ label: t('rn.nav.instruments') }]} />
      <PageHeading caption={t('rn.title')}>{t('rn.instruments.title')}</PageHeading>
      <p className="lead">{t('rn.instruments.intro')}</p>
      {list.error ? (
        <Notice tone="error" live>
          <p>{list.error.message}</p>
        </Notice>
      ) : null}
      <div role="status">
        {done ? (
          <Notice tone="success">
            <p>{done}</p>
          </Notice>
        ) : null}
      </div>
      {failure ? (
        <Notice tone="error" live>
          <p>{failure}</p>
        </Notice>
      ) : null}
      {!list.data && list.loading ? <Loading /> : null}
      {items.length > 0 ? (
        <Table
          caption={t('rn.instruments.versions')}
          head={[t('rn.instruments.name'), t('rn.instruments.version'), t('rn.instruments.items'), t('rn.instruments.loadedAt'), t('rn.instruments.state'), t('common.actions')]}
          numeric={[2]}
        >
          {items.map((i) => (
            <tr key={i.id}>
              <td>
                {i.name}
                <br />
                <span className="secondary code">{i.code}</span>
              </td>
              <td>{i.version}</td>
              <td className="num">{i.items_count}</td>
              <td className="nowrap">{formatDateTime(i.loaded_at, locale)}</td>
              <td>{i.active ? <Tag colour="green">{t('rn.instruments.active')}</Tag> : <Tag colour="grey">{t('rn.instruments.inactive')}</Tag>}</td>
              <td>
                {i.id !== shown.data?.id ? (
                  <Link to={`${HERE}${query({ version: i.id })}`}>
                    {t('rn.instruments.show')}
                    <span className="visually-hidden"> {t('rn.instruments.versionOf', { code: i.code, version: i.version })}</span>
                  </Link>
                ) : (
                  <span className="secondary">{t('rn.instruments.shown')}</span>
                )}
                {configure && !i.active ? (
                  <>
                    {' '}
                    <Button variant="secondary" className="btn--small" busy={busy === i.id} onClick={() => void activate(i)}>
                      {t('rn.instruments.activate')}
                      <span className="visually-hidden"> {t('rn.instruments.versionOf', { code: i.code, version: i.version })}</span>
                    </Button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </Table>
      ) : null}
      {shown.error ? (
        <Notice tone="error" live>
          <p>{shown.error.message}</p>
        </Notice>
      ) : null}
      {shown.data ? <InstrumentDetail instrument={shown.data} /> : null}
      {configure ? (
        <LoadForm
          key={loads}
          onLoaded={(inst) => {
            setLoads((n) => n + 1);
            activation.reset();
            setDone(t('rn.instruments.loaded', { name: inst.name, version: inst.version }));
            list.reload();
            if (search.has('version')) navigate(HERE, { replace: true, keepScroll: true });
          }}
        />
      ) : null}
    </>
  );
}

/** One version's questions in order, each option with its score, and how much each question and dimension counts. */
function InstrumentDetail({ instrument }: { instrument: Instrument }) {
  const { t } = useI18n();
  const labels = useRnLabels();
  const f = useScoreFormat();
  return (
    <section aria-labelledby="instrument-title">
      <h2 id="instrument-title">
        {instrument.name} {instrument.active ? <Tag colour="green">{t('rn.instruments.active')}</Tag> : null}
      </h2>
      {instrument.description ? <p>{instrument.description}</p> : null}
      <SummaryList
        rows={[
          { key: t('rn.instruments.code'), value: <span className="code">{instrument.code}</span> },
          { key: t('rn.instruments.version'), value: instrument.version },
          { key: t('rn.instruments.thresholdKey'), value: t('rn.instruments.threshold', { threshold: f.score(instrument.threshold) }) },
          { key: t('rn.instruments.scoring'), value: t('rn.instruments.scoring.body') },
        ]}
      />
      {instrument.dimensions.map((d) => (
        <section key={d.code} aria-labelledby={`dimension-${d.code}`}>
          <h3 id={`dimension-${d.code}`}>
            {labels.dimension(d.code)} <span className="secondary">({t('rn.instruments.weight', { share: f.weightShare(d.weight, instrument.dimensions) })})</span>
          </h3>
          <ol className="rn-questions">
            {d.items.map((item) => (
              <li key={item.code}>
                <strong>{item.question}</strong> <span className="secondary">({t('rn.instruments.itemWeight', { share: f.weightShare(item.weight, d.items) })})</span>
                <ul className="rn-questions__options">
                  {item.options.map((o) => (
                    <li key={o.code}>
                      {o.label}: <strong>{f.score(o.score)}</strong>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

/** Loading another version from its JSON file; the server checks it and names the place of every problem. */
function LoadForm({ onLoaded }: { onLoaded: (inst: Instrument) => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const load = useMutation((definition: unknown) => api.post<Instrument>('/reintegration/instruments', definition), {
    // The problems name a place in the file (dimensions[1].items[0].options): no field on this page has that id,
    // so each shows in the summary with its path.
    generalTarget: 'instrument_file',
    onSuccess: (inst) => onLoaded(inst),
  });
  const { busy, errors } = load;
  const fileError = errors.field('instrument_file');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file) {
      errors.set([['instrument_file', t('rn.instruments.load.choose')]]);
      return;
    }
    let definition: unknown;
    try {
      definition = JSON.parse(await file.text());
    } catch (err) {
      errors.set([['instrument_file', t('rn.instruments.load.notJson', { detail: err instanceof Error ? err.message : String(err) })]]);
      return;
    }
    await load.run(definition);
  }

  return (
    <section aria-labelledby="load-title">
      <h2 id="load-title">{t('rn.instruments.load.title')}</h2>
      <p>{t('rn.instruments.load.body')}</p>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={errors.items} seq={errors.seq} />
        <div className={`field${fileError ? ' field--error' : ''}`}>
          <label className="label" htmlFor="instrument_file">
            {t('rn.instruments.load.file')}
          </label>
          <div id="instrument_file-hint" className="hint">
            {t('rn.instruments.load.file.hint')}
          </div>
          {fileError ? <ErrorMessage id="instrument_file-error" message={fileError} /> : null}
          <input
            id="instrument_file"
            name="instrument_file"
            type="file"
            accept=".json,application/json"
            className="input"
            aria-describedby={`instrument_file-hint${fileError ? ' instrument_file-error' : ''}`}
            aria-invalid={fileError ? true : undefined}
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              setFile(e.target.files?.[0] ?? null);
              errors.clear();
            }}
          />
        </div>
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {t('rn.instruments.load.submit')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
