import { useState, type FormEvent } from 'react';
import { api, setCsrfToken } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { OneTimeCodeInput } from '../../app/components/Field';
import { PageHeading } from '../../app/components/Layout';
import { useFormErrors } from '../../app/components/useFormErrors';
import { useT } from '../../app/i18n';
import { Link, navigate, safeNext, useLocation } from '../../app/router';

export function cleanCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

export default function MfaVerifyPage() {
  const t = useT();
  const { refresh, setPending, signOut } = useAuth();
  const { search } = useLocation();
  const errors = useFormErrors();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const c = cleanCode(code);
    if (errors.set(/^\d{6}$/.test(c) ? [] : [['code', t('mfa.code.invalidFormat')]])) return;
    setBusy(true);
    try {
      const res = await api.post<{ next: string; csrf_token: string }>('/auth/mfa/verify', { code: c });
      setCsrfToken(res.csrf_token);
      setPending('active');
      await refresh();
      navigate(safeNext(search.get('next')), { replace: true });
    } catch (err) {
      setCode('');
      errors.fromApi(err, { generalTarget: 'code' });
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading>{t('mfa.verify.title')}</PageHeading>
      <p>{t('mfa.verify.intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <OneTimeCodeInput value={code} onValue={setCode} error={errors.field('code')} />
        <Button type="submit" busy={busy}>
          {t('mfa.verify.submit')}
        </Button>
      </form>
      <p>
        <Link
          to="/login"
          onClick={(e) => {
            e.preventDefault();
            void signOut().finally(() => navigate('/login'));
          }}
        >
          {t('mfa.verify.otherAccount')}
        </Link>
      </p>
    </div>
  );
}
