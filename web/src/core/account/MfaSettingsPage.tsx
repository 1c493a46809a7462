import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button, ButtonGroup, ButtonLink } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { CurrentPasswordInput } from '../../app/components/Field';
import { BackLink, Notice, PageHeading } from '../../app/components/Layout';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { useT } from '../../app/i18n';
import { Link, navigate } from '../../app/router';

export default function MfaSettingsPage() {
  const t = useT();
  const { me, refresh } = useAuth();
  const errors = useFormErrors();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  if (!me) return null;
  const { mfa_enabled, mfa_required } = me.user;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (errors.set(password ? [] : [['password', t('password.current.required')]])) return;
    setBusy(true);
    try {
      await api.post('/auth/mfa/disable', { password });
      await refresh();
      setFlash(t('mfa.settings.disabled'));
      navigate('/profile');
    } catch (err) {
      setPassword('');
      errors.fromApi(err, { generalTarget: 'password' });
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <BackLink to="/profile" />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading>{t('mfa.settings.title')}</PageHeading>
      <p>{t('mfa.settings.intro')}</p>
      {!mfa_enabled ? (
        <>
          <Notice title={t('mfa.settings.offTitle')}>{t('mfa.settings.offBody')}</Notice>
          <ButtonLink to="/login/mfa-enroll?next=%2Fprofile">{t('mfa.settings.enrol')}</ButtonLink>
        </>
      ) : mfa_required ? (
        <Notice title={t('mfa.settings.onTitle')}>{t('mfa.settings.required')}</Notice>
      ) : (
        <>
          <Notice title={t('mfa.settings.onTitle')}>{t('mfa.settings.disableHint')}</Notice>
          <form onSubmit={(e) => void submit(e)} noValidate>
            <CurrentPasswordInput value={password} onValue={setPassword} error={errors.field('password')} />
            <ButtonGroup>
              <Button type="submit" variant="warning" busy={busy}>
                {t('mfa.settings.disable')}
              </Button>
              <Link to="/profile">{t('common.cancel')}</Link>
            </ButtonGroup>
          </form>
        </>
      )}
    </div>
  );
}
