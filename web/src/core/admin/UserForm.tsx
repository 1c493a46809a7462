import { useState, type FormEvent } from 'react';
import type { OrgUnitRef } from '../../app/api';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Checkbox, Select, TextInput } from '../../app/components/Field';
import type { FormErrors } from '../../app/components/useFormErrors';
import { useT } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { ROLE_IDS } from './entries';
import { Link } from '../../app/router';
import { OrgUnitPicker } from '../../app/components/OrgUnitPicker';

export interface UserFormValues {
  email: string;
  display_name: string;
  role_id: string;
  password: string;
  active: boolean;
  capture_scope: OrgUnitRef[];
  view_scope: OrgUnitRef[];
}

/** The fields of a user account; `mode` decides which ones (e-mail and password only on creation). */
export function UserForm({
  mode,
  initial,
  errors,
  busy,
  onSubmit,
  submitLabel,
}: {
  mode: 'new' | 'edit';
  initial: UserFormValues;
  errors: FormErrors;
  busy: boolean;
  onSubmit: (v: UserFormValues) => void;
  submitLabel: string;
}) {
  const t = useT();
  const labels = useLabels();
  const [v, setV] = useState<UserFormValues>(initial);
  const set = <K extends keyof UserFormValues>(k: K) => (value: UserFormValues[K]) => setV((old) => ({ ...old, [k]: value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const problems: [string, string][] = [];
    if (mode === 'new' && !v.email.trim()) problems.push(['email', t('users.email.required')]);
    if (!v.display_name.trim()) problems.push(['display_name', t('users.name.required')]);
    if (mode === 'new' && !v.password) problems.push(['password', t('users.password.required')]);
    if (errors.set(problems)) return;
    onSubmit({ ...v, email: v.email.trim(), display_name: v.display_name.trim() });
  }

  return (
    <>
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <form onSubmit={submit} noValidate>
        {mode === 'new' ? (
          <TextInput
            id="email"
            type="email"
            label={t('users.email')}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            value={v.email}
            onValue={set('email')}
            error={errors.field('email')}
            width="20"
          />
        ) : null}
        <TextInput
          id="display_name"
          label={t('users.name')}
          autoComplete="off"
          value={v.display_name}
          onValue={set('display_name')}
          error={errors.field('display_name')}
          width="20"
        />
        <Select
          id="role_id"
          label={t('users.role')}
          hint={t('users.role.hint')}
          value={v.role_id}
          onValue={set('role_id')}
          error={errors.field('role_id')}
          options={ROLE_IDS.map((r) => ({ value: r, label: labels.role(r) }))}
        />
        {mode === 'new' ? (
          <TextInput
            id="password"
            type="password"
            label={t('users.password')}
            hint={t('users.password.hint')}
            autoComplete="new-password"
            value={v.password}
            onValue={set('password')}
            error={errors.field('password')}
            width="20"
          />
        ) : (
          <div className="field">
            <Checkbox id="active" label={t('users.activeLabel')} hint={t('users.active.hint')} checked={v.active} onChecked={set('active')} />
          </div>
        )}
        <OrgUnitPicker
          id="capture_scope"
          legend={t('users.captureScope')}
          hint={t('users.captureScope.hint')}
          error={errors.field('capture_scope')}
          value={v.capture_scope}
          onChange={set('capture_scope')}
        />
        <OrgUnitPicker
          id="view_scope"
          legend={t('users.viewScope')}
          hint={t('users.viewScope.hint')}
          error={errors.field('view_scope')}
          value={v.view_scope}
          onChange={set('view_scope')}
          suggestions={v.capture_scope}
        />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {submitLabel}
          </Button>
          <Link to="/admin/users">{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </>
  );
}
