import { PageHeading } from '../components/Layout';
import { useT } from '../i18n';
import { Link } from '../router';

/** Unknown URLs and records outside the user's scope (the API answers 404) look the same. */
export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.typed')}</p>
      <p>{t('notFound.pasted')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}

export function ForbiddenPage() {
  const t = useT();
  return (
    <>
      <PageHeading>{t('forbidden.title')}</PageHeading>
      <p>{t('forbidden.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
