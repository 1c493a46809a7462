import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';
import { Link, takeFocusPending } from '../router';

/** The page's single h1; sets the document title and takes focus after a client-side navigation. */
export function PageHeading({ children, caption, title }: { children: ReactNode; caption?: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === 'string' ? children : '');
  useEffect(() => {
    if (text) document.title = `${text} – mide`;
  }, [text]);
  useEffect(() => {
    if (takeFocusPending()) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page-heading">
      {caption ? <span className="caption">{caption}</span> : null}
      <h1 className="h1" ref={ref} tabIndex={-1}>
        {children}
      </h1>
    </div>
  );
}

type Tone = 'info' | 'success' | 'warning' | 'error';

/** A boxed message. `live` announces it to screen readers when it appears. */
export function Notice({
  tone = 'info',
  title,
  children,
  live = false,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  live?: boolean;
}) {
  const role = live ? (tone === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={`notice notice--${tone}`} role={role}>
      {title ? <p className="notice__title">{title}</p> : null}
      {children ? <div className="notice__body">{children}</div> : null}
    </div>
  );
}

type TagColour = 'blue' | 'green' | 'grey' | 'red' | 'yellow';

export function Tag({ colour = 'blue', children }: { colour?: TagColour; children: ReactNode }) {
  return <strong className={`tag tag--${colour}`}>{children}</strong>;
}

/** A table in a horizontally scrolling, keyboard-focusable region, with a caption. */
export function Table({
  caption,
  captionHidden = false,
  head,
  numeric = [],
  children,
  className,
}: {
  caption: string;
  captionHidden?: boolean;
  head: ReactNode[];
  /** indexes of columns holding numbers (right-aligned) */
  numeric?: number[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className={`table${className ? ` ${className}` : ''}`}>
        <caption className={captionHidden ? 'visually-hidden' : 'table__caption'}>{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th scope="col" key={i} className={numeric.includes(i) ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function SummaryList({ rows }: { rows: { key: ReactNode; value: ReactNode; action?: ReactNode }[] }) {
  return (
    <dl className="summary-list">
      {rows.map((r, i) => (
        <div className="summary-list__row" key={i}>
          <dt className="summary-list__key">{r.key}</dt>
          <dd className="summary-list__value">{r.value}</dd>
          {r.action ? <dd className="summary-list__action">{r.action}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

export function Breadcrumbs({ items }: { items: { label: string; to?: string }[] }) {
  const t = useT();
  return (
    <nav className="breadcrumbs" aria-label={t('common.breadcrumbs')}>
      <ol>
        {items.map((it, i) => (
          <li key={i}>
            {it.to ? (
              <Link to={it.to}>{it.label}</Link>
            ) : (
              <span aria-current="page">{it.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function BackLink({ to, children }: { to: string; children?: ReactNode }) {
  const t = useT();
  return (
    <Link to={to} className="back-link">
      {children ?? t('common.back')}
    </Link>
  );
}

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="visually-hidden">{children}</span>;
}

/**
 * A module's sections as a row of links under its breadcrumbs (`section-nav`), the current one marked for assistive
 * technology. Shown only when there is more than one to move between.
 */
export function SectionNav({ label, links }: { label: string; links: { path: string; label: string; current: boolean }[] }) {
  if (links.length < 2) return null;
  return (
    <nav className="section-nav" aria-label={label}>
      <ul>
        {links.map((l) => (
          <li key={l.path}>
            <Link to={l.path} aria-current={l.current ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
