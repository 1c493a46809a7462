import { useEffect, useRef, type MouseEvent } from 'react';
import { useT } from '../i18n';

export interface SummaryItem {
  /** id of the field the message is about; none for messages about the whole form. */
  target?: string | undefined;
  message: string;
}

/** GOV.UK error summary: at the top of the page, focused when it appears, each message links to its field. */
export function ErrorSummary({ items, seq }: { items: SummaryItem[]; seq: number }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // focus again on every failed submit, even with the same messages
  }, [seq, items.length]);

  if (items.length === 0) return null;

  function go(e: MouseEvent<HTMLAnchorElement>, target: string) {
    const el = document.getElementById(target);
    if (!el) return;
    e.preventDefault();
    const label = document.querySelector(`label[for="${CSS.escape(target)}"]`) ?? el.closest('fieldset')?.querySelector('legend');
    (label ?? el).scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  }

  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 className="error-summary__title" id="error-summary-title">
        {t('common.errorSummaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {items.map((it, i) =>
          it.target ? (
            <li key={i}>
              <a href={`#${it.target}`} onClick={(e) => go(e, it.target as string)}>
                {it.message}
              </a>
            </li>
          ) : (
            <li key={i}>{it.message}</li>
          ),
        )}
      </ul>
    </div>
  );
}
