import { useState, type FormEvent, type ReactNode } from 'react';
import { useAuth } from '../auth';
import { Button, ButtonGroup } from './Button';
import { ErrorSummary } from './ErrorSummary';
import { CurrentPasswordInput, OneTimeCodeInput, Radios } from './Field';
import { useFormErrors } from './useFormErrors';
import { useI18n } from '../i18n';

/** What the server takes as the step-up (`confirmIdentity`): the password again, or a fresh code. One or the other. */
export type StepUpProof = { password: string } | { code: string };

/**
 * The prompt before a protected step (revealing protected fields or document numbers, exporting them): the password
 * again or, for a user with a second factor, a current code of the authenticator app instead. `onProof` does the
 * step; what it throws (a wrong password, too many attempts) shows beside the field and in the error summary.
 */
export function StepUpForm({
  id,
  title,
  intro,
  submitLabel,
  onProof,
  onCancel,
  className,
}: {
  /** Prefix of the fields' ids: two prompts can be open on one page. */
  id: string;
  title: string;
  intro: ReactNode;
  submitLabel: string;
  onProof: (proof: StepUpProof) => Promise<void>;
  onCancel: () => void;
  className?: string;
}) {
  const { t } = useI18n();
  const { me } = useAuth();
  const errors = useFormErrors();
  const hasSecondFactor = me?.user.mfa_enabled ?? false;
  const [method, setMethod] = useState<'password' | 'code'>('password');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const passwordId = `${id}-password`;
  const codeId = `${id}-code`;
  const byCode = hasSecondFactor && method === 'code';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    // Authenticator apps show the code in groups ("123 456"): the spaces are not part of it.
    const cleaned = code.replace(/[\s-]/g, '');
    const problems: [string, string][] = byCode ? (/^\d{6}$/.test(cleaned) ? [] : [[codeId, t('mfa.code.invalidFormat')]]) : password ? [] : [[passwordId, t('password.current.required')]];
    if (errors.set(problems)) return;
    setBusy(true);
    try {
      await onProof(byCode ? { code: cleaned } : { password });
    } catch (err) {
      errors.fromApi(err, { fieldIds: { password: passwordId, code: codeId }, generalTarget: byCode ? codeId : passwordId });
    }
    setBusy(false);
  }

  return (
    <form className={className} onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <h3>{title}</h3>
      <p>
        {intro} {t(hasSecondFactor ? 'reauth.either' : 'reauth.again')}
      </p>
      {hasSecondFactor ? (
        <Radios
          id={`${id}-method`}
          inline
          legend={t('reauth.method')}
          options={[
            { value: 'password', label: t('reauth.method.password') },
            { value: 'code', label: t('reauth.method.code') },
          ]}
          value={method}
          onValue={(v) => {
            setMethod(v === 'code' ? 'code' : 'password');
            errors.clear();
          }}
        />
      ) : null}
      {byCode ? <OneTimeCodeInput id={codeId} value={code} onValue={setCode} error={errors.field(codeId)} /> : <CurrentPasswordInput id={passwordId} value={password} onValue={setPassword} error={errors.field(passwordId)} />}
      <ButtonGroup>
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
        <Button variant="link" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
