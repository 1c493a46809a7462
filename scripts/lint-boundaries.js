// The boundaries between the core and the modules, as an ESLint rule (`mide/boundaries` in eslint.config.js).
//
// Every import is resolved against the importing file and both ends are placed in an area:
// - server: nothing in `server/src/core/` imports `server/src/modules/` (the composition root
//   `server/src/composition/` and the test harness `server/src/test/` may); a module imports another module only
//   through that module's public interface, `server/src/modules/<other>/public.ts`;
// - web: nothing in `web/src/core/` or `web/src/app/` imports `web/src/modules/`, except the registry
//   `web/src/modules/index.ts`; a web module imports no other web module (shared widgets live in `app/components/`).
// Static imports, re-exports, `import()` (lazy pages) and `typeof import()` types are all checked. The areas are
// read from the path, so a new module folder is covered without touching this file.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where a file sits: `{ side, area, module }`, or null outside the checked trees. */
export function areaOf(absolutePath) {
  const rel = path.relative(ROOT, absolutePath).split(path.sep).join('/');
  const match = /^(server|web)\/src\/([^/]+)(?:\/(.*))?$/.exec(rel);
  if (!match) return null;
  const [, side, top, rest = ''] = match;
  if (top !== 'modules') return { side, area: top, module: null };
  const parts = rest.split('/');
  if (parts.length === 1) {
    // A file directly in `modules/` (the registry, its tests) or the folder itself: the registry.
    return { side, area: 'registry', module: null, publicInterface: false };
  }
  const file = parts.slice(1).join('/').replace(/\.(js|ts|tsx|jsx)$/, '');
  return { side, area: 'module', module: parts[0], publicInterface: side === 'server' && file === 'public' };
}

/** Why an import from `from` to `to` crosses a boundary, or null when it may. */
export function boundaryViolation(from, to) {
  if (!from || !to || from.side !== to.side) return null;
  const intoModules = to.area === 'module' || to.area === 'registry';
  if (from.side === 'server') {
    if (from.area === 'core' && intoModules) return 'coreImportsModule';
    if (from.area === 'module' && to.area === 'module' && to.module !== from.module && !to.publicInterface) return 'moduleInternals';
    return null;
  }
  if ((from.area === 'core' || from.area === 'app') && to.area === 'module') return 'webShellImportsModule';
  if (from.area === 'module' && to.area === 'module' && to.module !== from.module) return 'webModuleImportsModule';
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const boundariesRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the core out of the modules and each module out of the others (ARCHITECTURE.md, "Layers")' },
    schema: [],
    messages: {
      coreImportsModule:
        'The core does not import a module ({{target}}): the module hands what the core needs through its manifest, composed in server/src/composition/.',
      moduleInternals:
        'A module imports another module only through its public interface (server/src/modules/<module>/public.ts), not {{target}}.',
      webShellImportsModule:
        'The web core and shell do not import a module ({{target}}): they reach modules through the registry, web/src/modules/index.ts.',
      webModuleImportsModule:
        'A web module does not import another web module ({{target}}): shared widgets live in web/src/app/components/.',
    },
  },
  create(context) {
    const from = areaOf(context.filename);
    if (!from) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), specifier);
      const reason = boundaryViolation(from, areaOf(target));
      if (reason) context.report({ node, messageId: reason, data: { target: path.relative(ROOT, target).split(path.sep).join('/') } });
    };
    const fromSource = (node) => node.source && check(node.source, node.source.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportType: (node) => {
        // `typeof import('../x')`: the argument is a literal type (typescript-eslint 8) or a literal.
        const arg = node.argument?.literal ?? node.argument;
        if (arg && arg.type === 'Literal') check(arg, arg.value);
      },
      TSImportEqualsDeclaration: (node) => {
        const ref = node.moduleReference;
        if (ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal') check(ref.expression, ref.expression.value);
      },
    };
  },
};
