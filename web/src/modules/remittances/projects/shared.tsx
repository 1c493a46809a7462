import { useState, type ChangeEvent, type ComponentProps } from 'react';
import { api, ApiError } from '../../../app/api';
import { ErrorMessage } from '../../../app/components/Field';
import { Breadcrumbs, Loading, Notice, SectionNav, Table, Tag } from '../../../app/components/Layout';
import { NotFoundPage } from '../../../app/pages/NotFoundPage';
import { formatNumber } from '../../../app/format';
import { useI18n, type MessageKey } from '../../../app/i18n';
import { useAuth } from '../../../app/auth';
import { useLocation } from '../../../app/router';
import type { AssociationStatus, Attachment, Party, ProjectStatus } from './types';
import './projects.css';

/** What a page shows while the record it is about has not arrived: loading, not found (or out of scope), or the error. */
export function NotLoaded({ error }: { error: ApiError | undefined }) {
  const { t } = useI18n();
  if (!error) return <Loading />;
  if (error.status === 404) return <NotFoundPage />;
  return (
    <Notice tone="error" title={t('rp.loadFailed')}>
      {error.message}
    </Notice>
  );
}

/** Labels and formats every projects page shares: statuses, types, parties, money in the scheme's currency. */
export function useProjectLabels() {
  const { t, tDynamic, lang, locale } = useI18n();
  return {
    status: (s: ProjectStatus) => tDynamic(`rp.status.${s}`, s),
    associationStatus: (s: AssociationStatus) => tDynamic(`rp.association.status.${s}`, s),
    type: (type: string) => tDynamic(`rp.type.${type}`, type),
    action: (a: string) => tDynamic(`rp.action.${a}`, a),
    step: (s: string) => tDynamic(`rp.step.${s}`, s),
    /** a party or criterion named in Spanish and English: Spanish for es, English otherwise (pt, fr fall back) */
    named: (n: { name_es: string; name_en: string }) => (lang === 'es' ? n.name_es : n.name_en || n.name_es),
    money: (amount: number, currency: string) => formatMoney(amount, currency, locale),
    number: (n: number, digits = 0) => formatNumber(n, locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }),
    pct: (n: number) => formatNumber(n / 100, locale, { style: 'percent', maximumFractionDigits: 2 }),
    score: (n: number | null) => (n === null ? t('rp.score.none') : formatNumber(n, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })),
  };
}

export function formatMoney(amount: number, currency: string, locale: string): string {
  try {
    return formatNumber(amount, locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  } catch {
    return `${formatNumber(amount, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
  }
}

export function partyName(parties: Party[], key: string, lang: string): string {
  const p = parties.find((x) => x.key === key);
  if (!p) return key;
  return lang === 'es' ? p.name_es : p.name_en || p.name_es;
}

const STATUS_COLOURS: Record<ProjectStatus, 'blue' | 'green' | 'grey' | 'red' | 'yellow'> = {
  submitted: 'blue',
  returned: 'yellow',
  in_review: 'blue',
  approved: 'green',
  agreement_signed: 'green',
  in_execution: 'green',
  closed: 'grey',
  rejected: 'red',
};

export function StatusTag({ status }: { status: ProjectStatus }) {
  const l = useProjectLabels();
  return <Tag colour={STATUS_COLOURS[status]}>{l.status(status)}</Tag>;
}

export function AssociationStatusTag({ status }: { status: AssociationStatus }) {
  const l = useProjectLabels();
  return <Tag colour={status === 'validated' ? 'green' : status === 'rejected' ? 'red' : 'yellow'}>{l.associationStatus(status)}</Tag>;
}

export function attachmentUrl(a: Attachment): string {
  return `/api/v1/remittances/attachments/${encodeURIComponent(a.id)}`;
}

export function AttachmentLinks({ items }: { items: Attachment[] }) {
  const { t, locale } = useI18n();
  if (items.length === 0) return <>{t('common.none')}</>;
  return (
    <ul className="plain rp-files">
      {items.map((a) => (
        <li key={a.id}>
          <a href={attachmentUrl(a)} download={a.file_name}>
            {a.file_name}
          </a>{' '}
          <span className="cell-muted">({fileSize(a.size, locale)})</span>
        </li>
      ))}
    </ul>
  );
}

export function fileSize(bytes: number, locale: string): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), locale, { maximumFractionDigits: 1 })} MB`;
}

const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'];

function toBase64(buf: ArrayBuffer): string {
  const bytes = new Uint8Array(buf);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * A file field that uploads each chosen file at once (POST /remittances/attachments) and lists what is attached,
 * each with a button to take it off. `id` is on the file input, so an error summary link lands on it.
 */
export function AttachmentsInput({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  multiple = true,
  images = false,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: Attachment[];
  onChange: (v: Attachment[]) => void;
  multiple?: boolean;
  /** photos: only JPEG and PNG */
  images?: boolean;
}) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const accepted = images ? ACCEPTED.filter((c) => c.startsWith('image/')) : ACCEPTED;
  const shown = problem ?? error;

  async function chosen(e: ChangeEvent<HTMLInputElement>) {
    const input = e.target;
    const files = Array.from(input.files ?? []);
    if (files.length === 0) return;
    setProblem(null);
    setBusy(true);
    const added: Attachment[] = [];
    try {
      for (const f of files) {
        if (!accepted.includes(f.type)) throw new Error(t(images ? 'rp.files.onlyImages' : 'rp.files.wrongType', { name: f.name }));
        if (f.size > MAX_BYTES) throw new Error(t('rp.files.tooLarge', { name: f.name }));
        const data_base64 = toBase64(await f.arrayBuffer());
        added.push(await api.post<Attachment>('/remittances/attachments', { file_name: f.name, content_type: f.type, data_base64 }));
      }
    } catch (err) {
      setProblem(err instanceof ApiError || err instanceof Error ? err.message : t('error.unexpected'));
    } finally {
      setBusy(false);
      input.value = '';
    }
    if (added.length > 0) {
      onChange(multiple ? [...value, ...added] : added.slice(-1));
      setStatus(t('rp.files.added', { names: added.map((a) => a.file_name).join(', ') }));
    }
  }

  function remove(a: Attachment) {
    onChange(value.filter((v) => v.id !== a.id));
    setStatus(t('rp.files.removed', { name: a.file_name }));
  }

  const describedBy = [hint ? `${id}-hint` : '', shown ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${shown ? ' field--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <div className="hint" id={`${id}-hint`}>
        {hint ? `${hint} ` : ''}
        {images ? t('rp.files.hintImages') : t('rp.files.hint')}
      </div>
      {shown ? <ErrorMessage id={`${id}-error`} message={shown} /> : null}
      {value.length > 0 ? (
        <ul className="rp-files rp-files--chosen" aria-label={t('rp.files.chosen', { label })}>
          {value.map((a) => (
            <li key={a.id}>
              <span>
                {a.file_name} <span className="cell-muted">({fileSize(a.size, locale)})</span>
              </span>
              <button type="button" className="picker__remove" onClick={() => remove(a)}>
                {t('rp.files.remove')}
                <span className="visually-hidden"> {a.file_name}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        type="file"
        className="rp-file-input"
        accept={accepted.join(',')}
        multiple={multiple}
        onChange={(e) => void chosen(e)}
        aria-describedby={describedBy}
        aria-invalid={shown ? true : undefined}
        aria-busy={busy || undefined}
      />
      <p className="visually-hidden" role="status">
        {busy ? t('rp.files.uploading') : status}
      </p>
      {busy ? <p className="secondary">{t('rp.files.uploading')}</p> : null}
    </div>
  );
}

interface SectionLink {
  path: string;
  label: MessageKey;
  /** shown to users holding one of these verbs; to everyone when absent */
  anyOf?: string[];
}

const SECTIONS: SectionLink[] = [
  { path: '/remittances/projects', label: 'rp.nav.projects', anyOf: ['projects.propose', 'projects.manage', 'projects.score', 'projects.decide'] },
  { path: '/remittances/associations', label: 'rp.nav.associations', anyOf: ['projects.propose', 'projects.manage'] },
  { path: '/remittances/schemes', label: 'rp.nav.schemes' },
  { path: '/remittances/investment', label: 'rp.nav.investment' },
];

/** Breadcrumbs back to the remittances index and the links between the projects pages the user may use. */
export function ProjectsNav({ trail }: { trail: { label: string; to?: string }[] }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const visible = SECTIONS.filter((s) => !s.anyOf || s.anyOf.some(can));
  return (
    <>
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('nav.remittances'), to: '/remittances' }, ...trail]} />
      <SectionNav
        label={t('rp.nav.label')}
        links={visible.map((s) => ({ path: s.path, label: t(s.label), current: pathname === s.path || pathname.startsWith(`${s.path}/`) }))}
      />
    </>
  );
}

/**
 * A table too wide for a phone scrolls inside its region, and a caption would scroll (and be cut) with it: the
 * title is a heading above the region instead (which also lets screen-reader users jump to it); the caption, kept
 * for the table's name, is visually hidden.
 */
export function TitledTable({ level = 3, ...props }: Omit<ComponentProps<typeof Table>, 'captionHidden'> & { level?: 2 | 3 }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <>
      <H className="rp-table-title">
        {props.caption}
      </H>
      <Table {...props} captionHidden />
    </>
  );
}
