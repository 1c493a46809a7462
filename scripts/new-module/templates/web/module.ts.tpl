import type { WebModule } from '../../app/module';

/** __Title__: its pages (under /__id__, its folder's name), navigation entry, catalogues and the verbs its pages check. */
const __name__: WebModule<typeof import('./i18n/es.json'), '__id__'> = {
  id: '__id__',
  namespaces: ['__id__.'],
  catalogues: {
    es: () => import('./i18n/es.json'),
    en: () => import('./i18n/en.json'),
    pt: () => import('./i18n/pt.json'),
    fr: () => import('./i18n/fr.json'),
  },
  permissions: ['data.read', '__id__.manage'],
  routes: [{ pattern: '/__id__', page: () => import('./ItemsPage'), access: 'auth' }],
  nav: [
    {
      id: '__id__',
      path: '/__id__',
      label: { es: '__Title__', en: '__Title__', pt: '__Title__', fr: '__Title__' },
      description: {
        es: 'Los elementos de __Title__.',
        en: 'The items of __Title__.',
        pt: 'Os itens de __Title__.',
        fr: 'Les éléments de __Title__.',
      },
      anyOf: ['data.read', '__id__.manage'],
    },
  ],
};

export default __name__;
