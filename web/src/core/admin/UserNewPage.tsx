import { useState } from 'react';
import { api } from '../../app/api';
import { BackLink, PageHeading } from '../../app/components/Layout';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { useT } from '../../app/i18n';
import { navigate } from '../../app/router';
import type { AdminUser } from './shared';
import { UserForm, type UserFormValues } from './UserForm';

export default function UserNewPage() {
  const t = useT();
  const errors = useFormErrors();
  const [busy, setBusy] = useState(false);

  async function create(v: UserFormValues) {
    setBusy(true);
    try {
      const user = await api.post<AdminUser>('/admin/users', {
        email: v.email,
        display_name: v.display_name,
        role_id: v.role_id,
        password: v.password,
        capture_scope: v.capture_scope.map((o) => o.code),
        view_scope: v.view_scope.map((o) => o.code),
      });
      setFlash(t('users.created', { name: user.display_name || user.email }));
      navigate('/admin/users');
    } catch (err) {
      errors.fromApi(err, { generalTarget: 'email' });
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <BackLink to="/admin/users" />
      <PageHeading caption={t('admin.nav.users')}>{t('users.new.title')}</PageHeading>
      <UserForm
        mode="new"
        initial={{ email: '', display_name: '', role_id: 'viewer', password: '', active: true, capture_scope: [], view_scope: [] }}
        errors={errors}
        busy={busy}
        onSubmit={(v) => void create(v)}
        submitLabel={t('users.create')}
      />
    </div>
  );
}
