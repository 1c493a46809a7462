import { useAuth } from '../../app/auth';
import { ButtonLink } from '../../app/components/Button';
import { PageHeading } from '../../app/components/Layout';
import { useT, type MessageKey } from '../../app/i18n';
import { visibleNav } from '../../app/nav';
import { Link } from '../../app/router';
import { FlashNotice } from '../../app/flash';

/** The seven themes of IOM's regional strategy. */
const THEMES: MessageKey[] = ['theme.t1', 'theme.t2', 'theme.t3', 'theme.t4', 'theme.t5', 'theme.t6', 'theme.t7'];

export default function HomePage() {
  const t = useT();
  const { me, active, can } = useAuth();
  const sections = visibleNav(can);

  return (
    <>
      <PageHeading>{active && me ? t('home.welcomeNamed', { name: me.user.displayName || me.user.email }) : t('home.title')}</PageHeading>
      <FlashNotice />
      <p className="lead">{t('home.lead')}</p>

      {active ? (
        <>
          <h2>{t('home.sectionsHeading')}</h2>
          {sections.length === 0 ? <p>{t('home.noSections')}</p> : null}
          <ul className="card-list">
            {sections.map((s) => (
              <li key={s.id}>
                <h3>
                  <Link to={s.path}>{t(s.label)}</Link>
                </h3>
                <p>{t(s.description)}</p>
              </li>
            ))}
            <li>
              <h3>
                <Link to="/profile">{t('nav.profile')}</Link>
              </h3>
              <p>{t('home.profileDescription')}</p>
            </li>
          </ul>
        </>
      ) : (
        <>
          <p>{t('home.signInPrompt')}</p>
          <ButtonLink to="/login">{t('nav.signIn')}</ButtonLink>
        </>
      )}

      <h2>{t('home.themesHeading')}</h2>
      <p>{t('home.themesIntro')}</p>
      <ol className="themes">
        {THEMES.map((key, i) => (
          <li key={key}>
            <span className="themes__id">T{i + 1}</span>
            <span>{t(key)}</span>
          </li>
        ))}
      </ol>
      <p className="secondary">{t('home.themesAll')}</p>
    </>
  );
}
