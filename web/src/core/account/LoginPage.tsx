import { useState, type FormEvent } from 'react';
import { api, setCsrfToken } from '../../app/api';
import { useAuth, type SessionState } from '../../app/auth';
import { Button } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { TextInput } from '../../app/components/Field';
import { PageHeading } from '../../app/components/Layout';
import { useFormErrors } from '../../app/components/useFormErrors';
import { FlashNotice } from '../../app/flash';
import { useT } from '../../app/i18n';
import { navigate, safeNext, useLocation } from '../../app/router';

interface LoginAnswer {
  next: 'done' | 'mfa_verify' | 'mfa_enroll';
  csrf_token: string;
}

export function nextQuery(search: URLSearchParams): string {
  const n = search.get('next');
  return n ? `?next=${encodeURIComponent(safeNext(n))}` : '';
}

export default function LoginPage() {
  const t = useT();
  const { refresh, setPending } = useAuth();
  const { search } = useLocation();
  const errors = useFormErrors();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problems: [string, string][] = [];
    if (!email.trim()) problems.push(['email', t('login.email.required')]);
    if (!password) problems.push(['password', t('login.password.required')]);
    if (errors.set(problems)) return;
    setBusy(true);
    try {
      const res = await api.post<LoginAnswer>('/auth/login', { email: email.trim(), password }, { quiet401: true });
      setCsrfToken(res.csrf_token);
      const state: SessionState = res.next === 'done' ? 'active' : res.next === 'mfa_verify' ? 'mfa_pending' : 'mfa_enrollment';
      setPending(state);
      await refresh();
      if (res.next === 'done') navigate(safeNext(search.get('next')), { replace: true });
      else if (res.next === 'mfa_verify') navigate(`/login/mfa${nextQuery(search)}`, { replace: true });
      else navigate(`/login/mfa-enroll${nextQuery(search)}`, { replace: true });
    } catch (err) {
      setPassword('');
      errors.fromApi(err, { generalTarget: 'email' });
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <FlashNotice />
      <PageHeading>{t('login.title')}</PageHeading>
      <p>{t('login.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput
          id="email"
          type="email"
          label={t('login.email')}
          autoComplete="username"
          spellCheck={false}
          autoCapitalize="none"
          value={email}
          onValue={setEmail}
          error={errors.field('email')}
          width="20"
        />
        <TextInput
          id="password"
          type="password"
          label={t('login.password')}
          autoComplete="current-password"
          value={password}
          onValue={setPassword}
          error={errors.field('password')}
          width="20"
        />
        <Button type="submit" busy={busy}>
          {t('login.submit')}
        </Button>
      </form>
      <p className="secondary">{t('login.help')}</p>
    </div>
  );
}
