import { useId, type ChangeEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { useT } from '../i18n';

interface BaseProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Show the label as a page heading (single-question pages). */
  labelClassName?: string;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function ErrorMessage({ id, message }: { id: string; message: string }) {
  const t = useT();
  return (
    <p id={id} className="error-message">
      <span className="visually-hidden">{t('common.errorPrefix')} </span>
      {message}
    </p>
  );
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="hint">
      {children}
    </div>
  );
}

/** The frame every single-control field shares: label, hint, error message, then the control. */
function LabelledField({ id, label, hint, error, labelClassName, children }: BaseProps & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className={labelClassName ?? 'label'} htmlFor={id}>
        {label}
      </label>
      {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${id}-error`} message={error} /> : null}
      {children}
    </div>
  );
}

type InputProps = BaseProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
    value: string;
    onValue: (value: string) => void;
    width?: 'full' | '20' | '10' | '5' | '4' | '3' | '2';
  };

export function TextInput({ id, label, hint, error, labelClassName, value, onValue, width = 'full', type = 'text', className, ...rest }: InputProps) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} labelClassName={labelClassName}>
      <input
        id={id}
        name={rest.name ?? id}
        type={type}
        className={`input input--w${width}${error ? ' input--error' : ''}${className ? ` ${className}` : ''}`}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onValue(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        spellCheck={type === 'text' ? rest.spellCheck : false}
        {...rest}
      />
    </LabelledField>
  );
}

export function Textarea({
  id,
  label,
  hint,
  error,
  value,
  onValue,
  rows = 5,
  className,
}: BaseProps & { value: string; onValue: (v: string) => void; rows?: number; className?: string }) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={id}
        rows={rows}
        className={`textarea${error ? ' input--error' : ''}${className ? ` ${className}` : ''}`}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        spellCheck={false}
      />
    </LabelledField>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select({
  id,
  label,
  hint,
  error,
  value,
  onValue,
  options,
  autoComplete,
}: BaseProps & { value: string; onValue: (v: string) => void; options: Option[]; autoComplete?: string }) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={id}
        className={`select${error ? ' input--error' : ''}`}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        autoComplete={autoComplete}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

/** A fieldset with a legend, a hint and an error message, for groups of checkboxes or radios. */
export function Fieldset({
  id,
  legend,
  hint,
  error,
  children,
  legendClassName,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  legendClassName?: string;
}) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <fieldset className="fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={legendClassName ?? 'legend'}>{legend}</legend>
        {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={`${id}-error`} message={error} /> : null}
        {children}
      </fieldset>
    </div>
  );
}

export function Checkbox({
  id,
  label,
  hint,
  checked,
  onChecked,
  name,
}: {
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChecked: (v: boolean) => void;
  name?: string;
}) {
  const auto = useId();
  const cid = id ?? auto;
  return (
    <div className="choice">
      <input
        className="choice__input"
        type="checkbox"
        id={cid}
        name={name ?? cid}
        checked={checked}
        onChange={(e) => onChecked(e.target.checked)}
        aria-describedby={hint ? `${cid}-hint` : undefined}
      />
      <label className="choice__label" htmlFor={cid}>
        {label}
      </label>
      {hint ? (
        <div id={`${cid}-hint`} className="hint choice__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export function CheckboxGroup({
  id,
  legend,
  hint,
  error,
  options,
  value,
  onValue,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: (Option & { hint?: string })[];
  value: string[];
  onValue: (v: string[]) => void;
}) {
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error}>
      <div className="choices">
        {options.map((o, i) => (
          <Checkbox
            key={o.value}
            id={i === 0 ? id : `${id}-${i}`}
            name={id}
            label={o.label}
            hint={o.hint}
            checked={value.includes(o.value)}
            onChecked={(c) => onValue(c ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />
        ))}
      </div>
    </Fieldset>
  );
}

export function Radios({
  id,
  legend,
  hint,
  error,
  options,
  value,
  onValue,
  inline = false,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  options: Option[];
  value: string;
  onValue: (v: string) => void;
  inline?: boolean;
}) {
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error}>
      <div className={`choices${inline ? ' choices--inline' : ''}`}>
        {options.map((o, i) => {
          const rid = i === 0 ? id : `${id}-${i}`;
          return (
            <div className="choice choice--radio" key={o.value}>
              <input
                className="choice__input"
                type="radio"
                id={rid}
                name={id}
                value={o.value}
                checked={value === o.value}
                onChange={() => onValue(o.value)}
              />
              <label className="choice__label" htmlFor={rid}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

/** The 6-digit code of an authenticator app (second factor), with the keyboard and autofill phones offer for it. */
export function OneTimeCodeInput({ id = 'code', value, onValue, error }: { id?: string; value: string; onValue: (v: string) => void; error?: string | undefined }) {
  const t = useT();
  return (
    <TextInput
      id={id}
      label={t('mfa.code')}
      hint={t('mfa.code.hint')}
      autoComplete="one-time-code"
      inputMode="numeric"
      maxLength={9}
      width="5"
      className="input--code"
      value={value}
      onValue={onValue}
      error={error}
    />
  );
}

/** The signed-in user's own password, typed again to confirm a change to how they sign in. */
export function CurrentPasswordInput({ id = 'password', value, onValue, error }: { id?: string; value: string; onValue: (v: string) => void; error?: string | undefined }) {
  const t = useT();
  return <TextInput id={id} type="password" label={t('password.current')} autoComplete="current-password" value={value} onValue={onValue} error={error} width="20" />;
}
