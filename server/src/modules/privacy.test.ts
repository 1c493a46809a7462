import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { platformModules } from '../composition/index.js';
import { personalDataHolders } from '../core/people/service.js';

const modulesDir = fileURLToPath(new URL('.', import.meta.url));
const modules = platformModules.list;
const moduleFolders = readdirSync(modulesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('every module declares its personal data', () => {
  it.each(moduleFolders.length ? moduleFolders : ['(no module folders yet)'])('%s has a privacy.ts and is registered', (folder) => {
    if (folder.startsWith('(')) return;
    expect(existsSync(`${modulesDir}${folder}/privacy.ts`), `server/src/modules/${folder}/privacy.ts is missing`).toBe(true);
    const registered = modules.find((m) => m.id === folder);
    expect(registered, `module ${folder} is not listed in server/src/modules/index.ts`).toBeDefined();
    // `privacy: null` is allowed only as an explicit statement that the module keeps no personal data.
    expect(registered).toHaveProperty('privacy');
  });

  it('registered modules have folders, and export/erase walks every holder plus the core registry', () => {
    for (const m of modules) expect(moduleFolders).toContain(m.id);
    const owners = personalDataHolders({ modules: platformModules }).map((h) => h.owner);
    expect(owners).toContain('people');
    for (const m of modules) if (m.privacy) expect(owners).toContain(m.privacy.owner);
    for (const h of personalDataHolders({ modules: platformModules })) {
      expect(h.holds.length).toBeGreaterThan(0);
      for (const t of h.holds) expect(t.fields.length).toBeGreaterThan(0);
    }
  });
});
