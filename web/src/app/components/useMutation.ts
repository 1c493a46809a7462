import { useCallback, useRef, useState } from 'react';
import { isAbort } from '../api';
import { useT } from '../i18n';
import { useFormErrors, type FormErrors } from './useFormErrors';

export interface MutationOptions<Args extends unknown[], Result> {
  /** API field paths to the ids of the fields that show them (`{ scheduled_on: 'fu-date' }`), or made from the write's arguments */
  fieldIds?: Record<string, string> | ((args: Args) => Record<string, string>);
  /** the field that shows an error of no field */
  generalTarget?: string;
  /** After a success: refresh what the page shows, say what happened, move on. */
  onSuccess?: (result: Result, args: Args) => void;
  /** A failure the page shows its own way: return true, and the form's errors are cleared instead. */
  onError?: (error: unknown) => boolean;
}

export interface Mutation<Args extends unknown[], Result> {
  /** Runs the write, one at a time (a second call while one runs does nothing): the result, or undefined on failure. */
  run: (...args: Args) => Promise<Result | undefined>;
  /** the arguments of the write under way, null when none (which row's button is busy) */
  running: Args | null;
  busy: boolean;
  /** The last failure: field messages beside their fields, everything in the summary; client-side checks use `errors.set`. */
  errors: FormErrors;
  /** the last failure's message, for pages that show it in a notice rather than an error summary */
  message: string | null;
  /** Forgets the last failure (another action on the page made it stale). */
  reset: () => void;
}

/**
 * One write a page makes (a form's submit, a row's button): busy while it runs, the API's errors
 * (`{error:{code,message,fields:[{path,message}]}}`) shown on the form, and `onSuccess` after it (a refresh).
 */
export function useMutation<Args extends unknown[], Result>(
  write: (...args: Args) => Promise<Result>,
  options: MutationOptions<NoInfer<Args>, NoInfer<Result>> = {},
): Mutation<Args, Result> {
  const t = useT();
  const errors = useFormErrors();
  const [running, setRunning] = useState<Args | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // A ref, not the state: two clicks in one render must not both start the write.
  const underWay = useRef(false);
  const latest = useRef({ write, options });
  latest.current = { write, options };

  const run = useCallback(
    async (...args: Args): Promise<Result | undefined> => {
      if (underWay.current) return undefined;
      underWay.current = true;
      setRunning(args);
      setMessage(null);
      const { write: doWrite, options: opts } = latest.current;
      try {
        const result = await doWrite(...args);
        errors.clear();
        opts.onSuccess?.(result, args);
        return result;
      } catch (err) {
        if (opts.onError?.(err)) errors.clear();
        else if (!isAbort(err)) {
          const fieldIds = typeof opts.fieldIds === 'function' ? opts.fieldIds(args) : opts.fieldIds;
          errors.fromApi(err, { fieldIds, generalTarget: opts.generalTarget });
          setMessage(err instanceof Error ? err.message : t('error.unexpected'));
        }
        return undefined;
      } finally {
        underWay.current = false;
        setRunning(null);
      }
    },
    [errors.clear, errors.fromApi, t],
  );

  const reset = useCallback(() => {
    errors.clear();
    setMessage(null);
  }, [errors.clear]);

  return { run, running, busy: running !== null, errors, message, reset };
}
