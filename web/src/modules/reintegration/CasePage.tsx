import { useRef, useState, type KeyboardEvent } from 'react';
import { Notice, PageHeading, SummaryList, Loading } from '../../app/components/Layout';
import { useApi } from '../../app/components/useApi';
import { FlashNotice } from '../../app/flash';
import { formatDate } from '../../app/format';
import { useI18n, type MessageKey } from '../../app/i18n';
import { NotFoundPage } from '../../app/pages/NotFoundPage';
import { navigate, useLocation } from '../../app/router';
import type { PageProps } from '../../app/routes';
import { AssessmentsTab } from './case/AssessmentsTab';
import { CaseActions } from './case/CaseActions';
import { FollowUpsTab } from './case/FollowUpsTab';
import { HistoryTab } from './case/HistoryTab';
import { PersonTab } from './case/PersonTab';
import { PlanTab } from './case/PlanTab';
import { ReferralsTab } from './case/ReferralsTab';
import ScoresTab from './case/ScoresTab';
import { useRnLabels } from './labels';
import { ReintegrationNav } from './ReintegrationNav';
import { PlanDue, StatusTag } from './shared';
import { casePath, personName, type Case, type ReturnCategory } from './types';
import './reintegration.css';

const TABS = ['person', 'assessments', 'plan', 'referrals', 'follow_ups', 'scores', 'history'] as const;
type TabId = (typeof TABS)[number];
const TAB_LABELS: Record<TabId, MessageKey> = {
  person: 'rn.tab.person',
  assessments: 'rn.tab.assessments',
  plan: 'rn.tab.plan',
  referrals: 'rn.tab.referrals',
  follow_ups: 'rn.tab.follow_ups',
  scores: 'rn.tab.scores',
  history: 'rn.tab.history',
};

const isTab = (v: string | null): v is TabId => (TABS as readonly (string | null)[]).includes(v);

/** One case: its header (status, due date, the steps the user may take now) and its work in tabs. */
export default function CasePage({ params }: PageProps) {
  const { t, locale } = useI18n();
  const labels = useRnLabels();
  const id = params.id ?? '';
  const { search } = useLocation();
  const requested = search.get('tab');
  const tab: TabId = isTab(requested) ? requested : 'person';
  const current = useApi<Case>(`/reintegration/cases/${encodeURIComponent(id)}`);
  const categories = useApi<{ items: ReturnCategory[] }>('/reintegration/return-categories');
  const tabRefs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});
  const [announce, setAnnounce] = useState('');

  const c = current.data;
  // Only the first load shows "loading": a reload after a change keeps the page (and the focus) in place.
  if (!c && current.loading) return <Loading />;
  if (current.error?.status === 404) return <NotFoundPage />;
  if (!c)
    return (
      <Notice tone="error" live>
        <p>{current.error?.message}</p>
      </Notice>
    );

  function select(next: TabId, focus = false) {
    navigate(casePath(id, next), { replace: true, keepScroll: true });
    if (focus) tabRefs.current[next]?.focus();
  }

  // WAI-ARIA tabs: arrows move between tabs (and select them), Home and End go to the ends.
  function onKey(e: KeyboardEvent<HTMLButtonElement>) {
    const i = TABS.indexOf(tab);
    const to = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i - 1 + TABS.length) % TABS.length : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    select(TABS[to]!, true);
  }

  const changed = (message?: string) => {
    if (message) setAnnounce(message);
    current.reload();
  };
  const name = personName(c.person) || t('rn.case.erasedPerson');
  const category = c.return_category ? (categories.data?.items.find((x) => x.code === c.return_category)?.label ?? c.return_category) : null;
  const dash = '—';

  return (
    <>
      <ReintegrationNav trail={[{ label: c.reference }]} />
      <FlashNotice />
      <PageHeading caption={t('rn.case.caption', { reference: c.reference })} title={`${c.reference} – ${name}`}>
        {name}
      </PageHeading>
      <p className="rn-status">
        {t('rn.case.status')}: <StatusTag status={c.status} />
      </p>
      {c.overdue ? (
        <Notice tone="warning" title={t('rn.plan.overdue.title')}>
          <p>{t('rn.plan.overdue.body', { date: formatDate(c.plan_due_date, locale) })}</p>
        </Notice>
      ) : null}
      <div className="rn-facts">
        <SummaryList
          rows={[
            { key: t('rn.case.reference'), value: c.reference },
            { key: t('rn.case.planDue'), value: <PlanDue due={c.plan_due_date} overdue={c.overdue} /> },
            { key: t('rn.case.orgUnit'), value: c.org_unit.name },
            { key: t('rn.case.caseworker'), value: c.caseworker?.name ?? dash },
            { key: t('rn.case.arrival'), value: formatDate(c.arrival_date, locale) },
            { key: t('rn.case.from'), value: labels.country(c.returned_from_iso3) },
            { key: t('rn.case.how'), value: labels.how(c.return_how) },
            ...(category ? [{ key: t('rn.case.category'), value: category }] : []),
            { key: t('rn.case.household'), value: String(c.household_size) },
            { key: t('rn.case.immediateNeeds'), value: c.immediate_needs.length ? c.immediate_needs.map(labels.need).join(', ') : dash },
            ...(c.closure_reason ? [{ key: t('rn.case.closureReason'), value: labels.closure(c.closure_reason) }] : []),
          ]}
        />
      </div>
      <CaseActions
        c={c}
        onCase={(updated, message) => {
          current.setData(updated);
          setAnnounce(message);
        }}
      />
      <div role="status" className="rn-announce">
        {announce ? (
          <Notice tone="success">
            <p>{announce}</p>
          </Notice>
        ) : null}
      </div>

      <div className="rn-tabs">
        <div role="tablist" aria-label={t('rn.tabs.label')} className="rn-tabs__list">
          {TABS.map((tabId) => (
            <button
              key={tabId}
              type="button"
              role="tab"
              id={`tab-${tabId}`}
              aria-selected={tab === tabId}
              aria-controls={`panel-${tabId}`}
              tabIndex={tab === tabId ? 0 : -1}
              className="rn-tabs__tab"
              ref={(el) => {
                tabRefs.current[tabId] = el;
              }}
              onClick={() => select(tabId)}
              onKeyDown={onKey}
            >
              {t(TAB_LABELS[tabId])}
            </button>
          ))}
        </div>
        {TABS.map((tabId) => (
          <div key={tabId} role="tabpanel" id={`panel-${tabId}`} aria-labelledby={`tab-${tabId}`} tabIndex={0} hidden={tab !== tabId} className="rn-tabs__panel">
            {tab === tabId ? <TabContent tab={tabId} c={c} onChanged={changed} /> : null}
          </div>
        ))}
      </div>
    </>
  );
}

function TabContent({ tab, c, onChanged }: { tab: TabId; c: Case; onChanged: (message?: string) => void }) {
  switch (tab) {
    case 'person':
      return <PersonTab c={c} onChanged={onChanged} />;
    case 'assessments':
      return <AssessmentsTab c={c} onChanged={onChanged} />;
    case 'plan':
      return <PlanTab c={c} onChanged={onChanged} />;
    case 'referrals':
      return <ReferralsTab c={c} onChanged={onChanged} />;
    case 'follow_ups':
      return <FollowUpsTab c={c} onChanged={onChanged} />;
    case 'scores':
      return <ScoresTab caseId={c.id} allowedActions={c.allowed_actions} followUps={c.follow_ups} onChanged={() => onChanged()} />;
    case 'history':
      return <HistoryTab caseId={c.id} />;
  }
}
