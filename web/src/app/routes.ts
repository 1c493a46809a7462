import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { loadBundle, type Bundle } from './i18n';

export type PageProps = { params: Record<string, string> };
type Page = LazyExoticComponent<ComponentType<PageProps>>;

/**
 * public: anyone; guest: the sign-in page; mfa: a session waiting for its code;
 * enroll: a session that must enrol (or a signed-in user adding a second factor); auth: signed in.
 */
export type Access = 'public' | 'guest' | 'mfa' | 'enroll' | 'auth';

export interface RouteDef {
  pattern: string;
  page: Page;
  access: Access;
  /** the user needs one of these permissions */
  anyOf?: string[];
}

const page = (load: () => Promise<{ default: ComponentType<PageProps> }>): Page => lazy(load);
/** A module's page: its code and its catalogue load together. */
const modulePage = (bundle: Bundle, load: () => Promise<{ default: ComponentType<PageProps> }>): Page =>
  lazy(async () => (await Promise.all([load(), loadBundle(bundle)]))[0]);

const ADMIN_ANY = ['users.manage', 'roles.manage', 'audit.read', 'orgunits.manage'];
const PROJECT_READERS = ['projects.propose', 'projects.manage', 'projects.score', 'projects.decide'];

export const ROUTES: RouteDef[] = [
  { pattern: '/', page: page(() => import('../core/home/HomePage')), access: 'public' },
  { pattern: '/login', page: page(() => import('../core/account/LoginPage')), access: 'guest' },
  { pattern: '/login/mfa', page: page(() => import('../core/account/MfaVerifyPage')), access: 'mfa' },
  { pattern: '/login/mfa-enroll', page: page(() => import('../core/account/MfaEnrollPage')), access: 'enroll' },
  { pattern: '/profile', page: page(() => import('../core/account/ProfilePage')), access: 'auth' },
  { pattern: '/profile/details', page: page(() => import('../core/account/ProfileDetailsPage')), access: 'auth' },
  { pattern: '/profile/password', page: page(() => import('../core/account/ChangePasswordPage')), access: 'auth' },
  { pattern: '/profile/mfa', page: page(() => import('../core/account/MfaSettingsPage')), access: 'auth' },

  { pattern: '/admin', page: page(() => import('../core/admin/AdminIndexPage')), access: 'auth', anyOf: ADMIN_ANY },
  { pattern: '/admin/users', page: page(() => import('../core/admin/UsersPage')), access: 'auth', anyOf: ['users.manage'] },
  { pattern: '/admin/users/new', page: page(() => import('../core/admin/UserNewPage')), access: 'auth', anyOf: ['users.manage'] },
  { pattern: '/admin/users/:id', page: page(() => import('../core/admin/UserEditPage')), access: 'auth', anyOf: ['users.manage'] },
  { pattern: '/admin/roles', page: page(() => import('../core/admin/RolesPage')), access: 'auth', anyOf: ['roles.manage'] },
  { pattern: '/admin/sessions', page: page(() => import('../core/admin/SessionsPage')), access: 'auth', anyOf: ['users.manage'] },
  { pattern: '/admin/audit', page: page(() => import('../core/admin/AuditPage')), access: 'auth', anyOf: ['audit.read'] },
  { pattern: '/admin/org-units', page: page(() => import('../core/admin/OrgUnitsPage')), access: 'auth', anyOf: ['orgunits.manage'] },
  { pattern: '/admin/org-units/import', page: page(() => import('../core/admin/OrgUnitsImportPage')), access: 'auth', anyOf: ['orgunits.manage'] },
  { pattern: '/admin/org-units/:code', page: page(() => import('../core/admin/OrgUnitsPage')), access: 'auth', anyOf: ['orgunits.manage'] },

  { pattern: '/persons', page: page(() => import('../core/persons/PersonsListPage')), access: 'auth', anyOf: ['persons.read'] },
  { pattern: '/persons/new', page: page(() => import('../core/persons/PersonFormPage')), access: 'auth', anyOf: ['persons.write'] },
  { pattern: '/persons/:id', page: page(() => import('../core/persons/PersonPage')), access: 'auth', anyOf: ['persons.read'] },
  { pattern: '/persons/:id/edit', page: page(() => import('../core/persons/PersonFormPage')), access: 'auth', anyOf: ['persons.write'] },
  { pattern: '/persons/:id/consents/new', page: page(() => import('../core/persons/ConsentNewPage')), access: 'auth', anyOf: ['persons.write'] },
  { pattern: '/persons/:id/erase', page: page(() => import('../core/persons/PersonErasePage')), access: 'auth', anyOf: ['persons.erase'] },
  { pattern: '/persons/:id/merge', page: page(() => import('../core/persons/PersonMergePage')), access: 'auth', anyOf: ['persons.merge'] },

  { pattern: '/evidence', page: modulePage('evidence', () => import('../modules/evidence/EvidenceIndexPage')), access: 'public' },
  { pattern: '/evidence/profiles/:code', page: modulePage('evidence', () => import('../modules/evidence/ProfilePage')), access: 'public' },
  { pattern: '/evidence/compare', page: modulePage('evidence', () => import('../modules/evidence/ComparePage')), access: 'public' },
  { pattern: '/evidence/corridors', page: modulePage('evidence', () => import('../modules/evidence/CorridorPage')), access: 'public' },
  { pattern: '/evidence/corridors/:origin/:destination', page: modulePage('evidence', () => import('../modules/evidence/CorridorPage')), access: 'public' },
  { pattern: '/evidence/series', page: modulePage('evidence', () => import('../modules/evidence/SeriesPage')), access: 'public' },
  { pattern: '/evidence/imports', page: modulePage('evidence', () => import('../modules/evidence/ImportsPage')), access: 'auth', anyOf: ['data.import'] },
  { pattern: '/evidence/imports/new', page: modulePage('evidence', () => import('../modules/evidence/ImportWizardPage')), access: 'auth', anyOf: ['data.import'] },
  { pattern: '/evidence/data-elements/new', page: modulePage('evidence', () => import('../modules/evidence/DataElementFormPage')), access: 'auth', anyOf: ['data.import'] },
  { pattern: '/evidence/indicators', page: modulePage('evidence', () => import('../modules/evidence/IndicatorsPage')), access: 'auth', anyOf: ['indicators.manage'] },
  { pattern: '/evidence/indicators/new', page: modulePage('evidence', () => import('../modules/evidence/IndicatorFormPage')), access: 'auth', anyOf: ['indicators.manage'] },
  { pattern: '/evidence/indicators/:id', page: modulePage('evidence', () => import('../modules/evidence/IndicatorFormPage')), access: 'auth', anyOf: ['indicators.manage'] },

  // Remittances: cost of sending (public calculator and SDG 10.c page; quotes for `remittances.quotes`)
  { pattern: '/remittances', page: modulePage('remittances', () => import('../modules/remittances/RemittancesIndexPage')), access: 'public' },
  { pattern: '/remittances/send', page: modulePage('remittances', () => import('../modules/remittances/costs/SendMoneyPage')), access: 'public' },
  { pattern: '/remittances/sdg', page: modulePage('remittances', () => import('../modules/remittances/costs/SdgPage')), access: 'public' },
  { pattern: '/remittances/quotes', page: modulePage('remittances', () => import('../modules/remittances/costs/QuotesPage')), access: 'auth', anyOf: ['remittances.quotes'] },
  { pattern: '/remittances/quotes/new', page: modulePage('remittances', () => import('../modules/remittances/costs/QuoteFormPage')), access: 'auth', anyOf: ['remittances.quotes'] },
  { pattern: '/remittances/quotes/import', page: modulePage('remittances', () => import('../modules/remittances/costs/QuotesImportPage')), access: 'auth', anyOf: ['remittances.quotes'] },
  { pattern: '/remittances/quotes/:id', page: modulePage('remittances', () => import('../modules/remittances/costs/QuoteFormPage')), access: 'auth', anyOf: ['remittances.quotes'] },

  // Remittances: co-funded community projects (verbs as in docs/api.md)
  { pattern: '/remittances/associations', page: modulePage('remittances', () => import('../modules/remittances/projects/AssociationsPage')), access: 'auth', anyOf: ['projects.propose', 'projects.manage'] },
  { pattern: '/remittances/associations/new', page: modulePage('remittances', () => import('../modules/remittances/projects/AssociationFormPage')), access: 'auth', anyOf: ['projects.propose'] },
  { pattern: '/remittances/associations/:id', page: modulePage('remittances', () => import('../modules/remittances/projects/AssociationPage')), access: 'auth', anyOf: ['projects.propose', 'projects.manage'] },
  { pattern: '/remittances/projects', page: modulePage('remittances', () => import('../modules/remittances/projects/ProjectsPage')), access: 'auth', anyOf: PROJECT_READERS },
  { pattern: '/remittances/projects/new', page: modulePage('remittances', () => import('../modules/remittances/projects/ProjectFormPage')), access: 'auth', anyOf: ['projects.propose'] },
  { pattern: '/remittances/projects/:id', page: modulePage('remittances', () => import('../modules/remittances/projects/ProjectPage')), access: 'auth', anyOf: PROJECT_READERS },
  { pattern: '/remittances/projects/:id/edit', page: modulePage('remittances', () => import('../modules/remittances/projects/ProjectFormPage')), access: 'auth', anyOf: ['projects.propose'] },
  { pattern: '/remittances/projects/:id/score', page: modulePage('remittances', () => import('../modules/remittances/projects/ScorePage')), access: 'auth', anyOf: ['projects.score'] },
  { pattern: '/remittances/schemes', page: modulePage('remittances', () => import('../modules/remittances/projects/SchemesPage')), access: 'public' },
  { pattern: '/remittances/schemes/new', page: modulePage('remittances', () => import('../modules/remittances/projects/SchemeFormPage')), access: 'auth', anyOf: ['schemes.manage'] },
  { pattern: '/reintegration', page: modulePage('reintegration', () => import('../modules/reintegration/CaseloadPage')), access: 'auth', anyOf: ['cases.read'] },
  { pattern: '/reintegration/cases/new', page: modulePage('reintegration', () => import('../modules/reintegration/CaseRegisterPage')), access: 'auth', anyOf: ['cases.write'] },
  { pattern: '/reintegration/cases/:id', page: modulePage('reintegration', () => import('../modules/reintegration/CasePage')), access: 'auth', anyOf: ['cases.read'] },
  { pattern: '/reintegration/supervision', page: modulePage('reintegration', () => import('../modules/reintegration/SupervisionPage')), access: 'auth', anyOf: ['cases.supervise'] },
  { pattern: '/reintegration/dashboard', page: modulePage('reintegration', () => import('../modules/reintegration/DashboardPage')), access: 'auth', anyOf: ['cases.read', 'cases.supervise'] },
  { pattern: '/reintegration/instruments', page: modulePage('reintegration', () => import('../modules/reintegration/InstrumentsPage')), access: 'auth', anyOf: ['cases.read', 'reintegration.configure'] },
  { pattern: '/reintegration/settings', page: modulePage('reintegration', () => import('../modules/reintegration/SettingsPage')), access: 'auth', anyOf: ['reintegration.configure'] },
  { pattern: '/remittances/investment', page: modulePage('remittances', () => import('../modules/remittances/projects/InvestmentPage')), access: 'public' },
];
