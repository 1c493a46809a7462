import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Button } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { TextInput } from '../../app/components/Field';
import { Loading, Notice, PageHeading, Table } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useFormErrors } from '../../app/components/useFormErrors';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';

interface Item {
  id: string;
  name: string;
  created_at: string;
}

/** The items, newest first, and a form to add one for whoever holds `__id__.manage`. */
export default function ItemsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const items = useApi<{ items: Item[] }>('/__path__/items');
  const errors = useFormErrors();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    if (errors.set(name.trim() ? [] : [['__id__-name', t('__id__.name.required')]])) return;
    setBusy(true);
    try {
      const item = await api.post<Item>('/__path__/items', { name });
      errors.clear();
      setName('');
      setCreated(item.name);
      items.reload();
    } catch (err) {
      errors.fromApi(err, { fieldIds: { name: '__id__-name' }, generalTarget: '__id__-name' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeading caption={t('nav.__id__')}>{t('__id__.title')}</PageHeading>
      {created ? (
        <Notice tone="success" live>
          <p>{t('__id__.created', { name: created })}</p>
        </Notice>
      ) : null}
      {can('__id__.manage') ? (
        <>
          <ErrorSummary items={errors.items} seq={errors.seq} />
          <form onSubmit={(e) => void create(e)} noValidate>
            <TextInput id="__id__-name" label={t('__id__.name')} hint={t('__id__.name.hint')} value={name} onValue={setName} error={errors.field('__id__-name')} width="20" />
            <Button type="submit" busy={busy}>
              {t('__id__.create')}
            </Button>
          </form>
        </>
      ) : null}
      {items.loading && !items.data ? <Loading /> : null}
      {items.error ? (
        <Notice tone="error" live>
          <p>{items.error.message}</p>
        </Notice>
      ) : null}
      {items.data ? (
        items.data.items.length ? (
          <Table caption={t('__id__.title')} captionHidden head={[t('__id__.name'), t('__id__.createdAt')]}>
            {items.data.items.map((item) => (
              <tr key={item.id}>
                <td>{item.name}</td>
                <td className="nowrap">{formatDateTime(item.created_at, locale)}</td>
              </tr>
            ))}
          </Table>
        ) : (
          <p>{t('__id__.empty')}</p>
        )
      ) : null}
    </>
  );
}
