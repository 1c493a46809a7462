import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import type { Answer, RequestBody } from '../../app/api/types';
import { useAuth } from '../../app/auth';
import { Button } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { TextInput } from '../../app/components/Field';
import { Loading, Notice, PageHeading, Table } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { useMutation } from '../../app/components/useMutation';
import { formatDateTime } from '../../app/format';
import { useI18n } from '../../app/i18n';

// The answers' types come from the server's OpenAPI document (app/api/types.ts).
type Items = Answer<'/__path__/items'>;
type Item = Answer<'/__path__/items', 'post'>;
type NewItem = RequestBody<'/__path__/items', 'post'>;

/** The items, newest first, and a form to add one for whoever holds `__id__.manage`. */
export default function ItemsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const items = useApi<Items>('/__path__/items');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation((body: NewItem) => api.post<Item>('/__path__/items', body), {
    fieldIds: { name: '__id__-name' },
    generalTarget: '__id__-name',
    onSuccess: (item) => {
      setName('');
      setCreated(item.name);
      items.reload();
    },
  });
  const { errors } = create;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (errors.set(name.trim() ? [] : [['__id__-name', t('__id__.name.required')]])) return;
    void create.run({ name });
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
          <form onSubmit={submit} noValidate>
            <TextInput id="__id__-name" label={t('__id__.name')} hint={t('__id__.name.hint')} value={name} onValue={setName} error={errors.field('__id__-name')} width="20" />
            <Button type="submit" busy={create.busy}>
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
