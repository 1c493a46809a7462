import { useState } from 'react';
import { api } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { BackLink, Loading, Notice, PageHeading, Tag } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { useT } from '../../app/i18n';
import { NotFoundPage } from '../../app/pages/NotFoundPage';
import { navigate } from '../../app/router';
import type { PageProps } from '../../app/routes';
import type { AdminUser } from './shared';
import { UserForm, type UserFormValues } from './UserForm';

export default function UserEditPage({ params }: PageProps) {
  const t = useT();
  const id = params.id ?? '';
  const { data: user, error, loading } = useApi<AdminUser>(`/admin/users/${encodeURIComponent(id)}`);
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const [resetStatus, setResetStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  if (loading) return <Loading />;
  if (error?.status === 404) return <NotFoundPage />;
  if (error || !user)
    return (
      <Notice tone="error" live>
        <p>{error?.message}</p>
      </Notice>
    );

  async function save(v: UserFormValues) {
    setBusy(true);
    try {
      const updated = await api.patch<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, {
        display_name: v.display_name,
        role_id: v.role_id,
        active: v.active,
        capture_scope: v.capture_scope.map((o) => o.code),
        view_scope: v.view_scope.map((o) => o.code),
      });
      setFlash(t('users.saved', { name: updated.display_name || updated.email }));
      navigate('/admin/users');
    } catch (err) {
      errors.fromApi(err, { generalTarget: 'display_name' });
      setBusy(false);
    }
  }

  async function resetMfa() {
    try {
      await api.post(`/admin/users/${encodeURIComponent(id)}/reset-mfa`);
      setResetStatus({ tone: 'success', text: t('users.resetMfa.done') });
    } catch (err) {
      setResetStatus({ tone: 'error', text: err instanceof Error ? err.message : t('error.unexpected') });
    }
    setConfirmReset(false);
  }

  return (
    <div className="narrow">
      <BackLink to="/admin/users" />
      <PageHeading caption={user.email}>{t('users.edit.title', { name: user.display_name || user.email })}</PageHeading>
      <UserForm
        mode="edit"
        initial={{
          email: user.email,
          display_name: user.display_name,
          role_id: user.role_id,
          password: '',
          active: user.active,
          capture_scope: user.capture_scope,
          view_scope: user.view_scope,
        }}
        errors={errors}
        busy={busy}
        onSubmit={(v) => void save(v)}
        submitLabel={t('common.saveChanges')}
      />

      <section className="danger-zone" aria-labelledby="mfa-heading">
        <h2 id="mfa-heading">{t('users.resetMfa.title')}</h2>
        <p>
          {t('users.mfa')}: {user.mfa_enabled ? <Tag colour="blue">{t('profile.mfa.on')}</Tag> : <Tag colour="yellow">{t('profile.mfa.off')}</Tag>}
        </p>
        <p>{t('users.resetMfa.body')}</p>
        {resetStatus ? (
          <Notice tone={resetStatus.tone} live>
            <p>{resetStatus.text}</p>
          </Notice>
        ) : null}
        {confirmReset ? (
          <div className="notice notice--warning" role="group" aria-labelledby="reset-confirm">
            <p id="reset-confirm" className="notice__title">
              {t('users.resetMfa.confirm', { name: user.display_name || user.email })}
            </p>
            <ButtonGroup>
              <Button variant="warning" onClick={() => void resetMfa()}>
                {t('users.resetMfa.yes')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirmReset(false)}>
                {t('common.cancel')}
              </Button>
            </ButtonGroup>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirmReset(true)}>
            {t('users.resetMfa.button')}
          </Button>
        )}
      </section>
    </div>
  );
}
