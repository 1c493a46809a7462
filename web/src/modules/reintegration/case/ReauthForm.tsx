import { useState, type FormEvent, type ReactNode } from 'react';
import { useAuth } from '../../../app/auth';
import { Button, ButtonGroup } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { OneTimeCodeInput, Radios, TextInput } from '../../../app/components/Field';
import { useFormErrors } from '../../../app/components/useFormErrors';
import { useI18n } from '../../../app/i18n';

/** What the server accepts as proof that the user is at the keyboard (`reauthBody`): one or the other. */
export type ReauthProof = { password: string } | { code: string };

/**
 * The prompt before a protected step (showing protected fields, exporting a case): the password again or, for a
 * user with a second factor, a current code of their authenticator app instead. `onProof` does the step; what it
 * throws (a wrong password, too many attempts) shows beside the field and in the error summary.
 */
export function ReauthForm({
  id,
  title,
  intro,
  submitLabel,
  onProof,
  onCancel,
}: {
  /** Prefix of the fields' ids: two prompts can be open on one page. */
  id: string;
  title: string;
  intro: ReactNode;
  submitLabel: string;
  onProof: (proof: ReauthProof) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { me } = useAuth();
  const errors = useFormErrors();
  const hasSecondFactor = me?.user.mfaEnabled ?? false;
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
    if (byCode ? errors.set(/^\d{6}$/.test(cleaned) ? [] : [[codeId, t('mfa.code.invalidFormat')]]) : errors.set(password ? [] : [[passwordId, t('rn.reauth.password.required')]])) return;
    setBusy(true);
    try {
      await onProof(byCode ? { code: cleaned } : { password });
    } catch (err) {
      errors.fromApi(err, { fieldIds: { password: passwordId, code: codeId }, generalTarget: byCode ? codeId : passwordId });
    }
    setBusy(false);
  }

  return (
    <form className="rn-panel" onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <h3>{title}</h3>
      <p>
        {intro} {t(hasSecondFactor ? 'rn.reauth.either' : 'rn.reauth.again')}
      </p>
      {hasSecondFactor ? (
        <Radios
          id={`${id}-method`}
          inline
          legend={t('rn.reauth.method')}
          options={[
            { value: 'password', label: t('rn.reauth.method.password') },
            { value: 'code', label: t('rn.reauth.method.code') },
          ]}
          value={method}
          onValue={(v) => {
            setMethod(v === 'code' ? 'code' : 'password');
            errors.clear();
          }}
        />
      ) : null}
      {byCode ? (
        <OneTimeCodeInput id={codeId} value={code} onValue={setCode} error={errors.field(codeId)} />
      ) : (
        <TextInput id={passwordId} type="password" label={t('rn.reauth.password')} autoComplete="current-password" value={password} onValue={setPassword} error={errors.field(passwordId)} width="20" />
      )}
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
