import { useEffect, useState } from 'react';
import { api } from '../../app/api';
import { Button } from '../../app/components/Button';
import { Loading, Notice, PageHeading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useT } from '../../app/i18n';
import { useLabels } from '../../app/labels';
import { AdminNav } from './shared';

interface Role {
  id: string;
  permissions: string[];
}

type Status = { tone: 'success' | 'error'; text: string } | null;

export default function RolesPage() {
  const t = useT();
  const labels = useLabels();
  const { data, error, loading } = useApi<{ items: Role[]; permissions: string[] }>('/admin/roles');
  const [draft, setDraft] = useState<Record<string, string[]>>({});
  const [saved, setSaved] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    if (!data) return;
    const m: Record<string, string[]> = {};
    for (const r of data.items) m[r.id] = [...r.permissions];
    setDraft(m);
    setSaved(m);
  }, [data]);

  if (loading) return <Loading />;
  if (error || !data)
    return (
      <Notice tone="error" live>
        <p>{error?.message}</p>
      </Notice>
    );

  const roles = data.items;
  const verbs = data.permissions;
  const dirty = (id: string) => {
    const a = [...(draft[id] ?? [])].sort().join(',');
    const b = [...(saved[id] ?? [])].sort().join(',');
    return a !== b;
  };

  function toggle(roleId: string, verb: string, on: boolean) {
    setDraft((d) => {
      const cur = d[roleId] ?? [];
      return { ...d, [roleId]: on ? [...cur, verb] : cur.filter((v) => v !== verb) };
    });
  }

  async function save(roleId: string) {
    if (busy) return;
    setBusy(roleId);
    setStatus(null);
    try {
      const role = await api.put<Role>(`/admin/roles/${encodeURIComponent(roleId)}`, { permissions: draft[roleId] ?? [] });
      setSaved((s) => ({ ...s, [roleId]: [...role.permissions] }));
      setDraft((d) => ({ ...d, [roleId]: [...role.permissions] }));
      setStatus({ tone: 'success', text: t('roles.saved', { role: labels.role(roleId) }) });
    } catch (err) {
      setStatus({ tone: 'error', text: `${labels.role(roleId)}: ${err instanceof Error ? err.message : t('error.unexpected')}` });
    }
    setBusy(null);
  }

  return (
    <>
      <PageHeading caption={t('nav.admin')}>{t('admin.nav.roles')}</PageHeading>
      <AdminNav />
      <p>{t('roles.intro')}</p>
      <div aria-live="polite">
        {status ? (
          <Notice tone={status.tone}>
            <p>{status.text}</p>
          </Notice>
        ) : null}
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('roles.caption')}>
        <table className="table table--matrix">
          <caption className="visually-hidden">{t('roles.caption')}</caption>
          <thead>
            <tr>
              <td />
              {roles.map((r) => (
                <th scope="col" key={r.id}>
                  {labels.role(r.id)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {verbs.map((verb) => (
              <tr key={verb}>
                <th scope="row">
                  {labels.permission(verb)}
                  <br />
                  <code className="cell-muted">{verb}</code>
                </th>
                {roles.map((r) => (
                  <td key={r.id}>
                    <input
                      type="checkbox"
                      aria-label={`${labels.role(r.id)}: ${labels.permission(verb)}`}
                      checked={(draft[r.id] ?? []).includes(verb)}
                      onChange={(e) => toggle(r.id, verb, e.target.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <td />
              {roles.map((r) => (
                <td key={r.id}>
                  <Button variant={dirty(r.id) ? 'primary' : 'secondary'} busy={busy === r.id} onClick={() => void save(r.id)}>
                    {t('common.save')}
                    <span className="visually-hidden"> {labels.role(r.id)}</span>
                  </Button>
                  {dirty(r.id) ? <div className="cell-muted">{t('roles.unsaved')}</div> : null}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
