import { fileURLToPath } from 'node:url';
/** Who exists in the browser tests' platform. Created by global setup before the server starts. */
export const E2E_PASSWORD = 'contraseña de prueba muy larga';
/** Base32 TOTP secret of the administrator that is already enrolled (so tests can compute codes). */
export const ENROLLED_ADMIN_TOTP = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const E2E_SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789';

export const users = {
  /** Administrator with TOTP already enrolled (secret above). */
  admin: 'admin@e2e.mide.test',
  /** Administrator who has never signed in: must enrol the second factor. */
  newAdmin: 'nuevo.admin@e2e.mide.test',
  /** Local officer of the municipality GT0101 (Guatemala city). */
  officerA: 'oficial.a@e2e.mide.test',
  /** Local officer of the municipality GT0102. */
  officerB: 'oficial.b@e2e.mide.test',
} as const;

/** Subnational units imported for the tests: a department with two municipalities. */
export const CODE_LIST = [
  'code,name,parent_code',
  'GT01,Guatemala,GTM',
  'GT0101,Ciudad de Guatemala,GT01',
  'GT0102,Santa Catarina Pinula,GT01',
].join('\n');

/** Name of the person registered in GT0101, whom officer B must not see. */
export const PERSON_IN_A = { givenName: 'María', familyName: 'Ajú Xicará' };

export interface E2eContext {
  baseUrl: string;
  personInA: string;
}

/** The last time step of a second factor used per secret, across the run's test files (one server serves them all). */
export const TOTP_STEPS_FILE = fileURLToPath(new URL('../../.test-tmp/totp-steps.json', import.meta.url));
