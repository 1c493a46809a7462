import type { ReactNode } from 'react';
import { SummaryList } from '../../app/components/Layout';
import { formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePersonLabels } from './labels';
import type { DuplicateCandidate } from './types';

/**
 * Possible duplicates as a list of cards rather than a table, so that on a phone the reasons (and the action)
 * stay in view. `name` renders each heading (a link, usually); `action` an optional link under the details.
 */
export function DuplicateList({
  labelledBy,
  candidates,
  name,
  action,
}: {
  labelledBy: string;
  candidates: DuplicateCandidate[];
  name: (c: DuplicateCandidate) => ReactNode;
  action?: (c: DuplicateCandidate) => ReactNode;
}) {
  const { t, locale } = useI18n();
  const labels = usePersonLabels();
  return (
    <ul className="person-candidates" aria-labelledby={labelledBy}>
      {candidates.map((c) => (
        <li key={c.id} className="person-candidate">
          <h3 className="person-candidate__name">{name(c)}</h3>
          <SummaryList
            rows={[
              { key: t('person.duplicates.why'), value: c.reasons.map(labels.reason).join('; ') },
              { key: t('person.birthDate'), value: c.birth_date ? formatDate(c.birth_date, locale) : '—' },
              { key: t('persons.orgUnit'), value: c.org_unit.name },
            ]}
          />
          {action ? <p>{action(c)}</p> : null}
        </li>
      ))}
    </ul>
  );
}
