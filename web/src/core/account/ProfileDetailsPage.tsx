import { useState, type FormEvent } from 'react';
import { api } from '../../app/api';
import { useAuth, type Me } from '../../app/auth';
import { Button, ButtonGroup } from '../../app/components/Button';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Radios, TextInput } from '../../app/components/Field';
import { BackLink, PageHeading } from '../../app/components/Layout';
import { useFormErrors } from '../../app/components/useFormErrors';
import { setFlash } from '../../app/flash';
import { isLang, LANGS, translate, useI18n } from '../../app/i18n';
import { Link, navigate } from '../../app/router';

export default function ProfileDetailsPage() {
  const { t, setLang } = useI18n();
  const { me, setMe } = useAuth();
  const errors = useFormErrors();
  const [displayName, setDisplayName] = useState(me?.user.display_name ?? '');
  const [locale, setLocale] = useState(me?.user.locale ?? 'es');
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    if (errors.set(displayName.trim() ? [] : [['display_name', t('profile.displayName.required')]])) return;
    setBusy(true);
    try {
      const updated = await api.patch<Me>('/me', { display_name: displayName.trim(), locale });
      const newLang = isLang(updated.user.locale) ? updated.user.locale : null;
      if (newLang) await setLang(newLang);
      setFlash(newLang ? translate(newLang, 'profile.saved') : t('profile.saved'));
      setMe(updated);
      navigate('/profile');
    } catch (err) {
      errors.fromApi(err, { generalTarget: 'display_name' });
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <BackLink to="/profile" />
      <ErrorSummary items={errors.items} seq={errors.seq} />
      <PageHeading>{t('profile.details.title')}</PageHeading>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextInput
          id="display_name"
          label={t('profile.displayName')}
          hint={t('profile.displayName.hint')}
          autoComplete="name"
          value={displayName}
          onValue={setDisplayName}
          error={errors.field('display_name')}
          width="20"
        />
        <Radios
          id="locale"
          legend={t('profile.language')}
          hint={t('profile.language.hint')}
          options={LANGS.map((l) => ({ value: l.code, label: l.name }))}
          value={locale}
          onValue={setLocale}
          error={errors.field('locale')}
        />
        <ButtonGroup>
          <Button type="submit" busy={busy}>
            {t('common.save')}
          </Button>
          <Link to="/profile">{t('common.cancel')}</Link>
        </ButtonGroup>
      </form>
    </div>
  );
}
