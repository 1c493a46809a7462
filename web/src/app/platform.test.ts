import { describe, expect, it } from 'vitest';
import { LANGS } from './i18n';
import { NAV_ENTRIES } from './nav';
import { MODULES, PLATFORM_MODULES } from './platform';

describe('the modules the app is composed of', () => {
  it('has the core and every registered module, each with its own id', () => {
    const ids = PLATFORM_MODULES.map((m) => m.id);
    expect(ids[0]).toBe('core');
    expect(new Set(ids).size).toBe(ids.length);
    expect(MODULES.length).toBeGreaterThan(0);
  });

  it('gives every page one address', () => {
    const patterns = PLATFORM_MODULES.flatMap((m) => m.routes.map((r) => r.pattern));
    expect(patterns.filter((p, i) => patterns.indexOf(p) !== i)).toEqual([]);
  });

  it('checks only permissions the module declares, on its routes and its navigation', () => {
    for (const m of PLATFORM_MODULES) {
      const used = [...m.routes.flatMap((r) => r.anyOf ?? []), ...m.nav.flatMap((e) => e.anyOf)];
      expect(used.filter((p) => !m.permissions.includes(p)), m.id).toEqual([]);
    }
  });

  it('keeps each module’s routes under its own address and its keys in its own namespaces', () => {
    for (const m of MODULES) {
      expect(m.routes.every((r) => r.pattern === `/${m.id}` || r.pattern.startsWith(`/${m.id}/`)), m.id).toBe(true);
      expect(m.namespaces.length, m.id).toBeGreaterThan(0);
      expect(m.catalogues, m.id).toBeDefined();
    }
    const namespaces = MODULES.flatMap((m) => m.namespaces);
    expect(namespaces.filter((n, i) => namespaces.some((o, j) => j !== i && (o.startsWith(n) || n.startsWith(o))))).toEqual([]);
  });

  it('names every navigation entry in the four languages', () => {
    expect(NAV_ENTRIES.length).toBe(PLATFORM_MODULES.flatMap((m) => m.nav).length);
    for (const e of PLATFORM_MODULES.flatMap((m) => m.nav)) {
      for (const { code } of LANGS) {
        expect(e.label[code].trim(), `${e.id} ${code}`).not.toBe('');
        expect(e.description[code].trim(), `${e.id} ${code}`).not.toBe('');
      }
    }
  });
});
