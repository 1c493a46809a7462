import { useState, type FormEvent } from 'react';
import { useAuth } from '../../app/auth';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { CurrentPasswordInput, OneTimeCodeInput, Radios } from '../../app/components/Field';
import { useFormErrors } from '../../app/components/useFormErrors';
import { useI18n } from '../../app/i18n';

/** What the server takes as the step-up (`POST /persons/:id/export`, `/documents/reveal`): the password again, or a fresh code. */
export type StepUpProof = { password: string } | { code: string };

/**
 * The step-up before the person export with protected fields (for holders of `cases.protected`): the password again
 * or, with a second factor, a code of the authenticator app. `onProof` downloads; what it throws (a wrong password,
 * too many attempts) shows beside the field and in the error summary.
 */
export function ProtectedExportForm({
  onProof,
  onCancel,
  idPrefix = 'export',
  texts,
}: {
  onProof: (proof: StepUpProof) => Promise<void>;
  onCancel: () => void;
  /** Of the fields' ids, so that two forms may stand on one page. */
  idPrefix?: string;
  /** Heading, explanation and button, when the step-up is for something else than the export (the document reveal). */
  texts?: { title: string; body: string; confirm: string };
}) {
  const { t } = useI18n();
  const title = texts?.title ?? t('person.export.protected');
  const passwordId = `${idPrefix}-password`;
  const codeId = `${idPrefix}-code`;
  const { me } = useAuth();
  const errors = useFormErrors();
  const hasSecondFactor = me?.user.mfaEnabled ?? false;
  const [method, setMethod] = useState<'password' | 'code'>('password');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
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
    <form className="person-step-up" onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <h3>{title}</h3>
      <p>
        {texts?.body ?? t('person.export.protected.body')} {t(hasSecondFactor ? 'reauth.either' : 'reauth.again')}
      </p>
      {hasSecondFactor ? (
        <Radios
          id={`${idPrefix}-method`}
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
          {texts?.confirm ?? t('person.export.protected.confirm')}
        </Button>
        <Button variant="link" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </ButtonGroup>
    </form>
  );
}
