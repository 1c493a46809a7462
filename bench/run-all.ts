// npm run bench: every benchmark, printing figures (never pass/fail on time).
import { benchEvidenceProfilePage } from './evidence-profile-lcp.js';
import { benchHttpMe } from './http-me.js';
import { benchStartup } from './startup.js';
import { benchEvidenceLoad } from './evidence-load.js';
import { benchEvidenceProfile } from './evidence-profile.js';
import { benchRemittancesCost } from './remittances-cost.js';
import { benchRemittancesCalculatorPage } from './remittances-calculator-lcp.js';
import { benchReintegrationCaseload } from './reintegration-caseload.js';
import { benchHostileUpload } from './hostile-upload.js';
import { benchRestore } from './restore.js';
import { benchAuditScaling } from './audit-scaling.js';
import { benchProtectedKeys } from './protected-keys.js';
import { benchSoak } from './soak.js';
import { benchPlanning } from './planning.js';
import { benchWebBundle } from './web-bundle.js';

console.log(`mide benchmarks - ${new Date().toISOString()} - Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
await benchWebBundle();
await benchStartup();
await benchHttpMe();
await benchEvidenceLoad();
await benchEvidenceProfile();
await benchEvidenceProfilePage();
await benchRemittancesCost();
await benchRemittancesCalculatorPage();
await benchReintegrationCaseload();
await benchHostileUpload();
await benchRestore();
await benchAuditScaling();
await benchProtectedKeys();
await benchPlanning();
// Last and longest: 10 minutes unless MIDE_SOAK_SECONDS says otherwise.
await benchSoak();
