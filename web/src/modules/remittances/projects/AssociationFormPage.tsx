import { useState, type FormEvent } from 'react';
import { api } from '../../../app/api';
import { Button, ButtonGroup } from '../../../app/components/Button';
import { ErrorSummary } from '../../../app/components/ErrorSummary';
import { Fieldset, Select, TextInput } from '../../../app/components/Field';
import { PageHeading } from '../../../app/components/Layout';
import { useApi } from '../../../app/components/useApi';
import { useMutation } from '../../../app/components/useMutation';
import { setFlash } from '../../../app/flash';
import { useI18n } from '../../../app/i18n';
import { Link, navigate } from '../../../app/router';
import { AttachmentsInput, ProjectsNav } from './shared';
import type { Association, Attachment } from './types';

interface Values {
  name: string;
  residence_country: string;
  residence_city: string;
  members_count: string;
  given_name: string;
  family_name: string;
  email: string;
  phone: string;
  document: Attachment[];
}

const EMPTY: Values = { name: '', residence_country: '', residence_city: '', members_count: '', given_name: '', family_name: '', email: '', phone: '', document: [] };

/** API paths of the nested contact to the ids of their inputs. */
const FIELD_IDS = {
  'contact.given_name': 'contact_given_name',
  'contact.family_name': 'contact_family_name',
  'contact.email': 'contact_email',
  'contact.phone': 'contact_phone',
  contact: 'contact_given_name',
  registration_document_id: 'registration_document',
};

/** A migrant association (hometown club) registers itself; an officer then validates it. */
export default function AssociationFormPage() {
  const { t, locale } = useI18n();
  const [v, setV] = useState<Values>(EMPTY);
  const register = useMutation((body: object) => api.post<Association>('/remittances/associations', body), {
    fieldIds: FIELD_IDS,
    generalTarget: 'name',
    onSuccess: (created) => {
      setFlash(t('rp.association.registered', { name: created.name }));
      navigate(`/remittances/associations/${encodeURIComponent(created.id)}`);
    },
  });
  const { busy, errors } = register;
  const countries = useApi<{ items: { code: string; name: string }[] }>('/org-units?kind=country&limit=400');
  const set = <K extends keyof Values>(k: K) => (value: Values[K]) => setV((old) => ({ ...old, [k]: value }));

  const countryOptions = [...(countries.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale)).map((c) => ({ value: c.code, label: c.name }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const members = Number(v.members_count.trim());
    const problems: [string, string][] = [];
    if (!v.name.trim()) problems.push(['name', t('rp.association.name.required')]);
    if (!v.residence_country) problems.push(['residence_country', t('rp.association.country.required')]);
    if (!v.residence_city.trim()) problems.push(['residence_city', t('rp.association.city.required')]);
    if (!/^\d+$/.test(v.members_count.trim()) || members < 1) problems.push(['members_count', t('rp.association.members.invalid')]);
    if (!v.given_name.trim()) problems.push(['contact_given_name', t('rp.association.givenName.required')]);
    if (!v.family_name.trim()) problems.push(['contact_family_name', t('rp.association.familyName.required')]);
    if (!v.email.trim() && !v.phone.trim()) problems.push(['contact_email', t('rp.association.reach.required')]);
    if (errors.set(problems)) return;
    const opt = (s: string) => (s.trim() ? s.trim() : undefined);
    await register.run({
      name: v.name.trim(),
      residence_country: v.residence_country,
      residence_city: v.residence_city.trim(),
      members_count: members,
      contact: { given_name: v.given_name.trim(), family_name: v.family_name.trim(), email: opt(v.email), phone: opt(v.phone) },
      registration_document_id: v.document[0]?.id,
    });
  }

  return (
    <div className="narrow">
      <ProjectsNav trail={[{ label: t('rp.associations.title'), to: '/remittances/associations' }, { label: t('rp.association.new.title') }]} />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading caption={t('rp.associations.title')}>{t('rp.association.new.title')}</PageHeading>
      <p>{t('rp.association.new.lead')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput id="name" label={t('rp.association.name')} hint={t('rp.association.name.hint')} autoComplete="organization" value={v.name} onValue={set('name')} error={errors.field('name')} />
        <Select
          id="residence_country"
          label={t('rp.association.country')}
          hint={t('rp.association.country.hint')}
          value={v.residence_country}
          onValue={set('residence_country')}
          error={errors.field('residence_country')}
          options={[{ value: '', label: countries.loading ? t('common.loading') : t('rp.association.country.choose') }, ...countryOptions]}
        />
        <TextInput id="residence_city" label={t('rp.association.city')} autoComplete="address-level2" value={v.residence_city} onValue={set('residence_city')} error={errors.field('residence_city')} width="20" />
        <TextInput
          id="members_count"
          label={t('rp.association.members')}
          hint={t('rp.association.members.hint')}
          inputMode="numeric"
          value={v.members_count}
          onValue={set('members_count')}
          error={errors.field('members_count')}
          width="5"
        />
        <Fieldset id="contact" legend={t('rp.association.contact')} hint={t('rp.association.contact.hint')}>
          <TextInput id="contact_given_name" label={t('rp.association.givenName')} autoComplete="off" value={v.given_name} onValue={set('given_name')} error={errors.field('contact_given_name')} width="20" />
          <TextInput id="contact_family_name" label={t('rp.association.familyName')} autoComplete="off" value={v.family_name} onValue={set('family_name')} error={errors.field('contact_family_name')} width="20" />
          <TextInput id="contact_email" type="email" label={t('rp.association.email')} autoComplete="off" spellCheck={false} value={v.email} onValue={set('email')} error={errors.field('contact_email')} width="20" />
          <TextInput id="contact_phone" type="tel" label={t('rp.association.phone')} hint={t('rp.association.phone.hint')} autoComplete="off" value={v.phone} onValue={set('phone')} error={errors.field('contact_phone')} width="20" />
        </Fieldset>
        <AttachmentsInput
          id="registration_document"
          label={t('rp.association.document')}
          hint={t('rp.association.document.hint')}
          multiple={false}
          value={v.document}
          onChange={set('document')}
          error={errors.field('registration_document')}
        />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {t('rp.association.submit')}
          </Button>
          <Link to="/remittances/associations">{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </div>
  );
}
