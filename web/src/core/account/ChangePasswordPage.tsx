import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { CurrentPasswordInput, TextInput } from '../../app/components/Field';
import { BackLink, PageHeading } from '../../app/components/Layout';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { useT } from '../../app/i18n';
import { Link, navigate } from '../../app/router';

export default function ChangePasswordPage() {
  const t = useT();
  const errors = useFormErrors();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problems: [string, string][] = [];
    if (!currentPassword) problems.push(['current_password', t('password.current.required')]);
    if (!newPassword) problems.push(['new_password', t('password.new.required')]);
    if (errors.set(problems)) return;
    setBusy(true);
    try {
      await api.post('/me/password', { current_password: currentPassword, new_password: newPassword });
      setFlash(t('password.changed'));
      navigate('/profile');
    } catch (err) {
      errors.fromApi(err, { generalTarget: 'current_password' });
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <BackLink to="/profile" />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading>{t('password.title')}</PageHeading>
      <p>{t('password.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <CurrentPasswordInput id="current_password" value={currentPassword} onValue={setCurrent} error={errors.field('current_password')} />
        <TextInput
          id="new_password"
          type="password"
          label={t('password.new')}
          hint={t('password.new.hint')}
          autoComplete="new-password"
          value={newPassword}
          onValue={setNew}
          error={errors.field('new_password')}
          width="20"
        />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {t('password.submit')}
          </Button>
          <Link to="/profile">{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </div>
  );
}
