import { useEffect, useRef } from 'react';
import { Button, ButtonGroup } from '../../app/components/Button';
import { PageHeading } from '../../app/components/Layout';
import { useT } from '../../app/i18n';
import { DuplicateList } from './DuplicateList';
import { fullName, type DuplicateCandidate } from './types';

/**
 * The step between filling in the form and saving it: records that may be the same person. The caseworker opens
 * them (in a new tab, so what they typed stays here), then goes back or saves anyway.
 */
export function DuplicatesStep({
  name,
  candidates,
  editing,
  busy,
  onBack,
  onSaveAnyway,
}: {
  name: string;
  candidates: DuplicateCandidate[];
  editing: boolean;
  busy: boolean;
  onBack: () => void;
  onSaveAnyway: () => void;
}) {
  const t = useT();
  const container = useRef<HTMLDivElement>(null);
  // The step replaces the form without a navigation: move focus to its heading so it is announced.
  useEffect(() => {
    container.current?.querySelector<HTMLElement>('h1')?.focus();
  }, []);

  return (
    <div className="narrow" ref={container}>
      <PageHeading caption={t('persons.title')}>{t('person.duplicates.title')}</PageHeading>
      <p>{t('person.duplicates.intro', { name })}</p>
      <div className="warning-text">
        <span className="warning-text__icon" aria-hidden="true">
          !
        </span>
        <p>
          <span className="visually-hidden">{t('common.warning')}: </span>
          {t('person.duplicates.warning')}
        </p>
      </div>
      <h2 id="duplicates-heading">{t('person.duplicates.caption')}</h2>
      <DuplicateList
        labelledBy="duplicates-heading"
        candidates={candidates}
        name={(c) => (
          <a href={`/persons/${encodeURIComponent(c.id)}`} target="_blank" rel="noopener noreferrer">
            {fullName(c)}
            <span className="visually-hidden"> ({t('person.duplicates.opensInNewTab')})</span>
          </a>
        )}
      />
      <p className="secondary">{t('person.duplicates.newTab')}</p>
      <ButtonGroup>
        <Button variant="secondary" onClick={onBack}>
          {t('person.duplicates.back')}
        </Button>
        <Button busy={busy} onClick={onSaveAnyway}>
          {editing ? t('person.duplicates.saveAnyway') : t('person.duplicates.registerAnyway')}
        </Button>
      </ButtonGroup>
    </div>
  );
}
