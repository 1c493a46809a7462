import type { WebModule } from '../app/module';

const ADMIN_ANY = ['users.manage', 'roles.manage', 'audit.read', 'orgunits.manage'];

/** The core's pages: home, account, administration and persons. Their texts are in the shell's catalogue. */
const core: WebModule<typeof import('../app/i18n/es.json'), 'persons' | 'admin'> = {
  id: 'core',
  namespaces: [],
  permissions: [...ADMIN_ANY, 'persons.read', 'persons.write', 'persons.erase', 'persons.merge', 'persons.export', 'consent.override'],
  routes: [
    { pattern: '/', page: () => import('./home/HomePage'), access: 'public' },
    { pattern: '/login', page: () => import('./account/LoginPage'), access: 'guest' },
    { pattern: '/login/mfa', page: () => import('./account/MfaVerifyPage'), access: 'mfa' },
    { pattern: '/login/mfa-enroll', page: () => import('./account/MfaEnrollPage'), access: 'enroll' },
    { pattern: '/profile', page: () => import('./account/ProfilePage'), access: 'auth' },
    { pattern: '/profile/details', page: () => import('./account/ProfileDetailsPage'), access: 'auth' },
    { pattern: '/profile/password', page: () => import('./account/ChangePasswordPage'), access: 'auth' },
    { pattern: '/profile/mfa', page: () => import('./account/MfaSettingsPage'), access: 'auth' },

    { pattern: '/admin', page: () => import('./admin/AdminIndexPage'), access: 'auth', anyOf: ADMIN_ANY },
    { pattern: '/admin/users', page: () => import('./admin/UsersPage'), access: 'auth', anyOf: ['users.manage'] },
    { pattern: '/admin/users/new', page: () => import('./admin/UserNewPage'), access: 'auth', anyOf: ['users.manage'] },
    { pattern: '/admin/users/:id', page: () => import('./admin/UserEditPage'), access: 'auth', anyOf: ['users.manage'] },
    { pattern: '/admin/roles', page: () => import('./admin/RolesPage'), access: 'auth', anyOf: ['roles.manage'] },
    { pattern: '/admin/sessions', page: () => import('./admin/SessionsPage'), access: 'auth', anyOf: ['users.manage'] },
    { pattern: '/admin/audit', page: () => import('./admin/AuditPage'), access: 'auth', anyOf: ['audit.read'] },
    { pattern: '/admin/org-units', page: () => import('./admin/OrgUnitsPage'), access: 'auth', anyOf: ['orgunits.manage'] },
    { pattern: '/admin/org-units/import', page: () => import('./admin/OrgUnitsImportPage'), access: 'auth', anyOf: ['orgunits.manage'] },
    { pattern: '/admin/org-units/:code', page: () => import('./admin/OrgUnitsPage'), access: 'auth', anyOf: ['orgunits.manage'] },

    { pattern: '/persons', page: () => import('./persons/PersonsListPage'), access: 'auth', anyOf: ['persons.read'] },
    { pattern: '/persons/new', page: () => import('./persons/PersonFormPage'), access: 'auth', anyOf: ['persons.write'] },
    { pattern: '/persons/:id', page: () => import('./persons/PersonPage'), access: 'auth', anyOf: ['persons.read'] },
    { pattern: '/persons/:id/edit', page: () => import('./persons/PersonFormPage'), access: 'auth', anyOf: ['persons.write'] },
    { pattern: '/persons/:id/consents/new', page: () => import('./persons/ConsentNewPage'), access: 'auth', anyOf: ['persons.write'] },
    { pattern: '/persons/:id/erase', page: () => import('./persons/PersonErasePage'), access: 'auth', anyOf: ['persons.erase'] },
    { pattern: '/persons/:id/merge', page: () => import('./persons/PersonMergePage'), access: 'auth', anyOf: ['persons.merge'] },
  ],
  nav: [
    {
      id: 'persons',
      path: '/persons',
      label: { es: 'Personas', en: 'Persons', pt: 'Pessoas', fr: 'Personnes' },
      description: {
        es: 'Registro de personas y sus consentimientos.',
        en: 'Registry of persons and their consents.',
        pt: 'Registro de pessoas e seus consentimentos.',
        fr: 'Registre des personnes et de leurs consentements.',
      },
      anyOf: ['persons.read'],
    },
    {
      id: 'admin',
      path: '/admin',
      label: { es: 'Administración', en: 'Administration', pt: 'Administração', fr: 'Administration' },
      description: {
        es: 'Usuarios, roles, sesiones, registro de auditoría y unidades organizativas.',
        en: 'Users, roles, sessions, audit log and organisational units.',
        pt: 'Usuários, papéis, sessões, registro de auditoria e unidades organizacionais.',
        fr: "Utilisateurs, rôles, sessions, journal d'audit et unités organisationnelles.",
      },
      anyOf: ADMIN_ANY,
    },
  ],
};

export default core;
