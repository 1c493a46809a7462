import { Fragment, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, isAbort, query } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { TextInput } from '../../app/components/Field';
import { Loading, Notice, PageHeading, Table } from '../../app/components/Layout';
import { formatDateTime, formatNumber } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { Link, navigate, useLocation } from '../../app/router';
import { AdminNav } from './shared';

interface AuditEntry {
  seq: number;
  at: string;
  actor_label: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  org_unit_code: string | null;
  ip: string | null;
  request_id: string | null;
  changed_fields: string[] | null;
}

interface Filters {
  actor: string;
  action: string;
  record_type: string;
  from: string;
  to: string;
}

const KEYS: (keyof Filters)[] = ['actor', 'action', 'record_type', 'from', 'to'];

/** Dates typed as calendar days; sent as the start and end of that day in the user's time zone. */
function dayStart(d: string): string | undefined {
  const x = new Date(`${d}T00:00:00`);
  return Number.isNaN(x.getTime()) ? undefined : x.toISOString();
}
function dayEnd(d: string): string | undefined {
  const x = new Date(`${d}T23:59:59.999`);
  return Number.isNaN(x.getTime()) ? undefined : x.toISOString();
}

export default function AuditPage() {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const applied: Filters = {
    actor: search.get('actor') ?? '',
    action: search.get('action') ?? '',
    record_type: search.get('record_type') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
  };
  const appliedKey = KEYS.map((k) => applied[k]).join('|');
  const [form, setForm] = useState<Filters>(applied);
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [verify, setVerify] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [verifying, setVerifying] = useState(false);

  function path(before?: number): string {
    return `/audit${query({
      actor: applied.actor,
      action: applied.action,
      record_type: applied.record_type,
      from: applied.from ? dayStart(applied.from) : undefined,
      to: applied.to ? dayEnd(applied.to) : undefined,
      limit: 50,
      before,
    })}`;
  }

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<{ items: AuditEntry[]; next_before: number | null }>(path(), { signal: ctl.signal })
      .then((res) => {
        setItems(res.items);
        setNextBefore(res.next_before ?? null);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (isAbort(err)) return;
        setError(err instanceof ApiError ? err.message : t('error.unexpected'));
        setLoading(false);
      });
    return () => ctl.abort();
    // re-run when the applied filters (the URL) change
  }, [appliedKey]);

  async function loadMore() {
    if (nextBefore === null || loading) return;
    setLoading(true);
    try {
      const res = await api.get<{ items: AuditEntry[]; next_before: number | null }>(path(nextBefore));
      setItems((old) => [...old, ...res.items]);
      setNextBefore(res.next_before ?? null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('error.unexpected'));
    }
    setLoading(false);
  }

  async function runVerify() {
    if (verifying) return;
    setVerifying(true);
    setVerify(null);
    try {
      const r = await api.get<{ ok: boolean; checked: number; first_broken_seq: number | null; pending: number }>('/audit/verify');
      // Entries written in the last moments are not linked yet: say so, they are not a break.
      const pending = r.pending ? ` ${t('audit.verify.pending', { pending: formatNumber(r.pending, locale) })}` : '';
      setVerify(
        r.ok
          ? { tone: 'success', text: t('audit.verify.ok', { checked: formatNumber(r.checked, locale) }) + pending }
          : {
              tone: 'error',
              text: t('audit.verify.broken', {
                checked: formatNumber(r.checked, locale),
                seq: r.first_broken_seq === null ? '?' : String(r.first_broken_seq),
              }),
            },
      );
    } catch (err) {
      setVerify({ tone: 'error', text: err instanceof Error ? err.message : t('error.unexpected') });
    }
    setVerifying(false);
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    navigate(`/admin/audit${query({ ...form })}`, { keepScroll: true });
  }

  const set = (k: keyof Filters) => (v: string) => setForm((f) => ({ ...f, [k]: v }));

  return (
    <>
      <PageHeading caption={t('nav.admin')}>{t('admin.nav.audit')}</PageHeading>
      <AdminNav />
      <p>{t('audit.intro')}</p>

      <h2>{t('audit.verify.title')}</h2>
      <p>{t('audit.verify.body')}</p>
      <Button variant="secondary" busy={verifying} onClick={() => void runVerify()}>
        {t('audit.verify.button')}
      </Button>
      <div aria-live="polite">
        {verifying ? <p className="loading">{t('audit.verify.running')}</p> : null}
        {verify ? (
          <Notice tone={verify.tone}>
            <p>{verify.text}</p>
          </Notice>
        ) : null}
      </div>

      <h2>{t('audit.entries')}</h2>
      <form className="filter filter-panel" onSubmit={apply} noValidate aria-label={t('audit.filters')}>
        <TextInput id="actor" type="search" label={t('audit.actor')} hint={t('audit.actor.hint')} value={form.actor} onValue={set('actor')} autoComplete="off" />
        <TextInput id="action" type="search" label={t('audit.action')} hint={t('audit.action.hint')} value={form.action} onValue={set('action')} autoComplete="off" />
        <TextInput
          id="record_type"
          type="search"
          label={t('audit.recordType')}
          hint={t('audit.recordType.hint')}
          value={form.record_type}
          onValue={set('record_type')}
          autoComplete="off"
        />
        <TextInput id="from" type="date" label={t('audit.from')} value={form.from} onValue={set('from')} />
        <TextInput id="to" type="date" label={t('audit.to')} value={form.to} onValue={set('to')} />
        <ButtonGroup>
          <Button type="submit">{t('audit.apply')}</Button>
          {KEYS.some((k) => applied[k]) ? (
            <Link
              to="/admin/audit"
              onClick={() => setForm({ actor: '', action: '', record_type: '', from: '', to: '' })}
            >
              {t('audit.clear')}
            </Link>
          ) : null}
        </ButtonGroup>
      </form>

      {error ? (
        <Notice tone="error" live>
          <p>{error}</p>
        </Notice>
      ) : null}
      <p role="status" className="secondary">
        {loading ? t('common.loading') : t('audit.count', { count: formatNumber(items.length, locale) })}
      </p>
      {items.length > 0 ? (
        <Table
          caption={t('audit.entries')}
          captionHidden
          className="table--compact table--wide"
          numeric={[0]}
          head={[
            t('audit.seq'),
            t('audit.at'),
            t('audit.actor'),
            t('audit.action'),
            t('audit.record'),
            t('audit.orgUnit'),
            t('audit.changedFields'),
            t('sessions.ip'),
          ]}
        >
          {items.map((e) => (
            <tr key={e.seq}>
              <td className="num">{e.seq}</td>
              <td className="nowrap">{formatDateTime(e.at, locale)}</td>
              <td>
                <span className="truncate truncate--short" title={e.actor_label ?? undefined}>
                  {e.actor_label ?? '—'}
                </span>
              </td>
              <td>
                {/* Actions are long ("reintegration.referral_update"): they may break after their dots, not elsewhere. */}
                <code>
                  {e.action.split('.').map((part, i, parts) => (
                    <Fragment key={i}>
                      {part}
                      {i < parts.length - 1 ? (
                        <>
                          .<wbr />
                        </>
                      ) : null}
                    </Fragment>
                  ))}
                </code>
              </td>
              <td>
                {e.record_type ?? '—'}
                {e.record_id ? (
                  <>
                    <br />
                    {/* Ids are long: shown shortened, whole in the tooltip and to screen readers. */}
                    <code className="cell-muted truncate truncate--short" title={e.record_id}>
                      {e.record_id}
                    </code>
                  </>
                ) : null}
              </td>
              <td>{e.org_unit_code ?? '—'}</td>
              <td>{e.changed_fields?.length ? e.changed_fields.join(', ') : '—'}</td>
              <td>{e.ip ?? '—'}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      {loading && items.length === 0 ? <Loading /> : null}
      {nextBefore !== null ? (
        <Button variant="secondary" busy={loading} onClick={() => void loadMore()}>
          {t('audit.loadMore')}
        </Button>
      ) : null}
    </>
  );
}
