import { useCallback, useState } from 'react';
import { ApiError, isAbort } from '../api';
import { useT } from '../i18n';
import type { SummaryItem } from './ErrorSummary';

export interface FormErrors {
  items: SummaryItem[];
  seq: number;
  /** message for a field id */
  field: (id: string) => string | undefined;
  /** Shows an API error: field messages beside their fields, everything in the summary. */
  fromApi: (err: unknown, opts?: { fieldIds?: Record<string, string>; generalTarget?: string }) => void;
  /** Client-side checks: [field id, message]. Returns true when there were errors. */
  set: (errors: [string, string][]) => boolean;
  clear: () => void;
}

/** API paths like "captureScope.2" or "captureScope[2]" belong to the field "captureScope". */
function rootOf(path: string): string {
  return path.split(/[.[]/)[0] ?? path;
}

export function useFormErrors(): FormErrors {
  const t = useT();
  const [state, setState] = useState<{ items: SummaryItem[]; byField: Record<string, string>; seq: number }>({
    items: [],
    byField: {},
    seq: 0,
  });

  const set = useCallback((errors: [string, string][]) => {
    const byField: Record<string, string> = {};
    for (const [id, msg] of errors) if (!(id in byField)) byField[id] = msg;
    setState((s) => ({ items: errors.map(([target, message]) => ({ target, message })), byField, seq: s.seq + 1 }));
    return errors.length > 0;
  }, []);

  const fromApi = useCallback(
    (err: unknown, opts: { fieldIds?: Record<string, string>; generalTarget?: string } = {}) => {
      if (isAbort(err)) return;
      const items: SummaryItem[] = [];
      const byField: Record<string, string> = {};
      if (err instanceof ApiError) {
        if (err.fields.length > 0) {
          for (const f of err.fields) {
            const root = rootOf(f.path);
            const id = opts.fieldIds?.[f.path] ?? opts.fieldIds?.[root] ?? root;
            const exists = typeof document !== 'undefined' && document.getElementById(id) !== null;
            items.push({ target: exists ? id : undefined, message: exists ? f.message : `${f.path}: ${f.message}` });
            if (exists && !(id in byField)) byField[id] = f.message;
          }
        } else {
          items.push({ target: opts.generalTarget, message: err.message });
          if (opts.generalTarget) byField[opts.generalTarget] = err.message;
        }
      } else {
        items.push({ message: t('error.unexpected') });
      }
      setState((s) => ({ items, byField, seq: s.seq + 1 }));
    },
    [t],
  );

  const clear = useCallback(() => setState((s) => (s.items.length ? { items: [], byField: {}, seq: s.seq } : s)), []);

  return {
    items: state.items,
    seq: state.seq,
    field: (id) => state.byField[id],
    fromApi,
    set,
    clear,
  };
}
