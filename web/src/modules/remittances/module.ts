import type { WebModule } from '../../app/module';

const PROJECT_READERS = ['projects.propose', 'projects.manage', 'projects.score', 'projects.decide'];

/** Remittances: cost of sending (public calculator and SDG 10.c page; quotes) and co-funded community projects. */
const remittances: WebModule<typeof import('./i18n/es.json'), 'remittances'> = {
  id: 'remittances',
  namespaces: ['rc.', 'rp.'],
  catalogues: {
    es: () => import('./i18n/es.json'),
    en: () => import('./i18n/en.json'),
    pt: () => import('./i18n/pt.json'),
    fr: () => import('./i18n/fr.json'),
  },
  permissions: ['data.read', 'remittances.quotes', ...PROJECT_READERS, 'schemes.manage'],
  routes: [
    { pattern: '/remittances', page: () => import('./RemittancesIndexPage'), access: 'public' },
    { pattern: '/remittances/send', page: () => import('./costs/SendMoneyPage'), access: 'public' },
    { pattern: '/remittances/sdg', page: () => import('./costs/SdgPage'), access: 'public' },
    { pattern: '/remittances/quotes', page: () => import('./costs/QuotesPage'), access: 'auth', anyOf: ['remittances.quotes'] },
    { pattern: '/remittances/quotes/new', page: () => import('./costs/QuoteFormPage'), access: 'auth', anyOf: ['remittances.quotes'] },
    { pattern: '/remittances/quotes/import', page: () => import('./costs/QuotesImportPage'), access: 'auth', anyOf: ['remittances.quotes'] },
    { pattern: '/remittances/quotes/:id', page: () => import('./costs/QuoteFormPage'), access: 'auth', anyOf: ['remittances.quotes'] },

    // Co-funded community projects (verbs as in docs/api.md)
    { pattern: '/remittances/associations', page: () => import('./projects/AssociationsPage'), access: 'auth', anyOf: ['projects.propose', 'projects.manage'] },
    { pattern: '/remittances/associations/new', page: () => import('./projects/AssociationFormPage'), access: 'auth', anyOf: ['projects.propose'] },
    { pattern: '/remittances/associations/:id', page: () => import('./projects/AssociationPage'), access: 'auth', anyOf: ['projects.propose', 'projects.manage'] },
    { pattern: '/remittances/projects', page: () => import('./projects/ProjectsPage'), access: 'auth', anyOf: PROJECT_READERS },
    { pattern: '/remittances/projects/new', page: () => import('./projects/ProjectFormPage'), access: 'auth', anyOf: ['projects.propose'] },
    { pattern: '/remittances/projects/:id', page: () => import('./projects/ProjectPage'), access: 'auth', anyOf: PROJECT_READERS },
    { pattern: '/remittances/projects/:id/edit', page: () => import('./projects/ProjectFormPage'), access: 'auth', anyOf: ['projects.propose'] },
    { pattern: '/remittances/projects/:id/score', page: () => import('./projects/ScorePage'), access: 'auth', anyOf: ['projects.score'] },
    { pattern: '/remittances/schemes', page: () => import('./projects/SchemesPage'), access: 'public' },
    { pattern: '/remittances/schemes/new', page: () => import('./projects/SchemeFormPage'), access: 'auth', anyOf: ['schemes.manage'] },
    { pattern: '/remittances/investment', page: () => import('./projects/InvestmentPage'), access: 'public' },
  ],
  nav: [
    {
      id: 'remittances',
      path: '/remittances',
      label: { es: 'Remesas', en: 'Remittances', pt: 'Remessas', fr: 'Envois de fonds' },
      description: {
        es: 'Costos de envío, ahorro y proyectos de inversión cofinanciados.',
        en: 'Sending costs, savings and co-funded investment projects.',
        pt: 'Custos de envio, poupança e projetos de investimento cofinanciados.',
        fr: "Coûts d'envoi, épargne et projets d'investissement cofinancés.",
      },
      anyOf: ['data.read'],
      public: true,
    },
  ],
};

export default remittances;
