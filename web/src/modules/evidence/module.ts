import type { WebModule } from '../../app/module';

/** Evidence: public profiles, comparisons, corridors and series; imports and indicators for their managers. */
const evidence: WebModule<typeof import('./i18n/es.json'), 'evidence'> = {
  id: 'evidence',
  namespaces: ['ev.'],
  catalogues: {
    es: () => import('./i18n/es.json'),
    en: () => import('./i18n/en.json'),
    pt: () => import('./i18n/pt.json'),
    fr: () => import('./i18n/fr.json'),
  },
  permissions: ['data.read', 'data.import', 'indicators.manage'],
  routes: [
    { pattern: '/evidence', page: () => import('./EvidenceIndexPage'), access: 'public' },
    { pattern: '/evidence/profiles/:code', page: () => import('./ProfilePage'), access: 'public' },
    { pattern: '/evidence/compare', page: () => import('./ComparePage'), access: 'public' },
    { pattern: '/evidence/corridors', page: () => import('./CorridorPage'), access: 'public' },
    { pattern: '/evidence/corridors/:origin/:destination', page: () => import('./CorridorPage'), access: 'public' },
    { pattern: '/evidence/series', page: () => import('./SeriesPage'), access: 'public' },
    { pattern: '/evidence/imports', page: () => import('./ImportsPage'), access: 'auth', anyOf: ['data.import'] },
    { pattern: '/evidence/imports/new', page: () => import('./ImportWizardPage'), access: 'auth', anyOf: ['data.import'] },
    { pattern: '/evidence/data-elements/new', page: () => import('./DataElementFormPage'), access: 'auth', anyOf: ['data.import'] },
    { pattern: '/evidence/indicators', page: () => import('./IndicatorsPage'), access: 'auth', anyOf: ['indicators.manage'] },
    { pattern: '/evidence/indicators/new', page: () => import('./IndicatorFormPage'), access: 'auth', anyOf: ['indicators.manage'] },
    { pattern: '/evidence/indicators/:id', page: () => import('./IndicatorFormPage'), access: 'auth', anyOf: ['indicators.manage'] },
  ],
  nav: [
    {
      // Public: profiles, comparisons and corridors need no sign-in; the national-data pages check their own permissions.
      id: 'evidence',
      path: '/evidence',
      label: { es: 'Evidencia', en: 'Evidence', pt: 'Evidências', fr: 'Données probantes' },
      description: {
        es: 'Datos, indicadores, perfiles migratorios y contribuciones de las personas migrantes.',
        en: "Data, indicators, migration profiles and migrants' contributions.",
        pt: 'Dados, indicadores, perfis migratórios e contribuições das pessoas migrantes.',
        fr: 'Données, indicateurs, profils migratoires et contributions des personnes migrantes.',
      },
      anyOf: ['data.read'],
      public: true,
    },
  ],
};

export default evidence;
