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
  displayName: string;
  roleId: string;
  password: string;
  active: boolean;
  captureScope: OrgUnitRef[];
  viewScope: OrgUnitRef[];
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
    if (!v.displayName.trim()) problems.push(['displayName', t('users.name.required')]);
    if (mode === 'new' && !v.password) problems.push(['password', t('users.password.required')]);
    if (errors.set(problems)) return;
    onSubmit({ ...v, email: v.email.trim(), displayName: v.displayName.trim() });
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
          id="displayName"
          label={t('users.name')}
          autoComplete="off"
          value={v.displayName}
          onValue={set('displayName')}
          error={errors.field('displayName')}
          width="20"
        />
        <Select
          id="roleId"
          label={t('users.role')}
          hint={t('users.role.hint')}
          value={v.roleId}
          onValue={set('roleId')}
          error={errors.field('roleId')}
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
          id="captureScope"
          legend={t('users.captureScope')}
          hint={t('users.captureScope.hint')}
          error={errors.field('captureScope')}
          value={v.captureScope}
          onChange={set('captureScope')}
        />
        <OrgUnitPicker
          id="viewScope"
          legend={t('users.viewScope')}
          hint={t('users.viewScope.hint')}
          error={errors.field('viewScope')}
          value={v.viewScope}
          onChange={set('viewScope')}
          suggestions={v.captureScope}
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
