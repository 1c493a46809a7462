import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, setCsrfToken } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { CurrentPasswordInput, OneTimeCodeInput } from '../../app/components/Field';
import { BackLink, Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { useT } from '../../app/i18n';
import { Link, navigate, safeNext, useLocation } from '../../app/router';
import { ApiError } from '../../app/api';
import { cleanCode } from './MfaVerifyPage';

interface Enrolment {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

function svgSrc(svg: string): string {
  if (svg.startsWith('data:')) return svg;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();
}

export default function MfaEnrollPage() {
  const t = useT();
  const { state, refresh, setPending } = useAuth();
  const { search } = useLocation();
  const errors = useFormErrors();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const started = useRef(false);
  const required = state === 'mfa_enrollment';
  // Right after the password step nothing more is asked; a signed-in user confirms the password first.
  const confirmsPassword = state === 'active';
  const next = safeNext(search.get('next'), required ? '/' : '/profile');

  useEffect(() => {
    if (started.current || confirmsPassword) return;
    started.current = true;
    api
      .post<Enrolment>('/auth/mfa/enroll/start', {})
      .then(setEnrolment)
      .catch((err: unknown) => setStartError(err instanceof ApiError ? err.message : t('error.unexpected')));
  }, [t, confirmsPassword]);

  async function start(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (errors.set(password ? [] : [['password', t('password.current.required')]])) return;
    setBusy(true);
    try {
      setEnrolment(await api.post<Enrolment>('/auth/mfa/enroll/start', { password }));
      errors.clear();
    } catch (err) {
      errors.fromApi(err, { generalTarget: 'password' });
    } finally {
      setPassword('');
      setBusy(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const c = cleanCode(code);
    if (errors.set(/^\d{6}$/.test(c) ? [] : [['code', t('mfa.code.invalidFormat')]])) return;
    setBusy(true);
    try {
      const res = await api.post<{ next: string; csrf_token: string }>('/auth/mfa/enroll/confirm', { code: c });
      setCsrfToken(res.csrf_token);
      setPending('active');
      await refresh();
      setFlash(t('mfa.enroll.done'));
      navigate(next, { replace: true });
    } catch (err) {
      setCode('');
      errors.fromApi(err, { generalTarget: 'code' });
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      {!required ? <BackLink to="/profile" /> : null}
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading>{t('mfa.enroll.title')}</PageHeading>
      {required ? <Notice title={t('mfa.enroll.requiredTitle')}>{t('mfa.enroll.required')}</Notice> : null}
      {startError ? (
        <Notice tone="error" live>
          <p>{startError}</p>
        </Notice>
      ) : null}
      {!enrolment && !startError && !confirmsPassword ? <Loading /> : null}
      {!enrolment && confirmsPassword ? (
        <form onSubmit={(e) => void start(e)} noValidate>
          <p>{t('mfa.enroll.confirmPassword')}</p>
          <CurrentPasswordInput value={password} onValue={setPassword} error={errors.field('password')} />
          <ButtonGroup>
            <Button type="submit" busy={busy}>
              {t('mfa.verify.submit')}
            </Button>
            <Link to="/profile">{t('common.cancel')}</Link>
          </ButtonGroup>
        </form>
      ) : null}
      {enrolment ? (
        <>
          <h2>{t('mfa.enroll.step1')}</h2>
          <p>{t('mfa.enroll.step1.body')}</p>
          <h2>{t('mfa.enroll.step2')}</h2>
          <img className="qr" src={svgSrc(enrolment.qr_svg)} alt={t('mfa.enroll.qrAlt')} width={220} height={220} />
          <p>{t('mfa.enroll.manual')}</p>
          <p className="code-block">
            {groupSecret(enrolment.secret)}
          </p>
          <p>
            <a href={enrolment.otpauth_uri}>{t('mfa.enroll.openApp')}</a>
          </p>
          <h2>{t('mfa.enroll.step3')}</h2>
          <form onSubmit={(e) => void submit(e)} noValidate>
            <OneTimeCodeInput value={code} onValue={setCode} error={errors.field('code')} />
            <Button type="submit" busy={busy}>
              {t('mfa.enroll.submit')}
            </Button>
          </form>
        </>
      ) : null}
    </div>
  );
}
