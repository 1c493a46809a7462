import type { WebModule } from '../../app/module';

/** Reintegration: case management for returnees (caseload, cases, supervision, dashboard, instruments, settings). */
const reintegration: WebModule<typeof import('./i18n/es.json'), 'reintegration'> = {
  id: 'reintegration',
  namespaces: ['rn.'],
  catalogues: {
    es: () => import('./i18n/es.json'),
    en: () => import('./i18n/en.json'),
    pt: () => import('./i18n/pt.json'),
    fr: () => import('./i18n/fr.json'),
  },
  permissions: ['cases.read', 'cases.write', 'cases.supervise', 'cases.protected', 'reintegration.configure'],
  routes: [
    { pattern: '/reintegration', page: () => import('./CaseloadPage'), access: 'auth', anyOf: ['cases.read'] },
    { pattern: '/reintegration/cases/new', page: () => import('./CaseRegisterPage'), access: 'auth', anyOf: ['cases.write'] },
    { pattern: '/reintegration/cases/:id', page: () => import('./CasePage'), access: 'auth', anyOf: ['cases.read'] },
    { pattern: '/reintegration/supervision', page: () => import('./SupervisionPage'), access: 'auth', anyOf: ['cases.supervise'] },
    { pattern: '/reintegration/dashboard', page: () => import('./DashboardPage'), access: 'auth', anyOf: ['cases.read', 'cases.supervise'] },
    { pattern: '/reintegration/instruments', page: () => import('./InstrumentsPage'), access: 'auth', anyOf: ['cases.read', 'reintegration.configure'] },
    { pattern: '/reintegration/settings', page: () => import('./SettingsPage'), access: 'auth', anyOf: ['reintegration.configure'] },
  ],
  nav: [
    {
      id: 'reintegration',
      path: '/reintegration',
      label: { es: 'Reintegración', en: 'Reintegration', pt: 'Reintegração', fr: 'Réintégration' },
      description: {
        es: 'Gestión de casos de personas retornadas.',
        en: 'Case management for returnees.',
        pt: 'Gestão de casos de pessoas retornadas.',
        fr: 'Gestion des dossiers des personnes de retour.',
      },
      anyOf: ['cases.read'],
    },
  ],
};

export default reintegration;
