import type { Config } from '../core/config.js';
import type { AppContext } from '../core/context.js';
import { buildApp, type AppOptions } from '../core/http/app.js';
import { registerModuleMigrations } from '../core/db/migrations.js';
import { registerErrorReasons } from '../core/http/errors.js';
import { registerMessages } from '../core/i18n/messages.js';
import { InstalledModules } from '../core/installed-modules.js';
import { openPlatform, type OpenPlatformOptions } from '../core/platform.js';
import { modules } from '../modules/index.js';

/**
 * The composition root: the one place that imports the module registry. It reads the manifests once (checked:
 * `InstalledModules`), registers each module's messages and error reasons, and hands the modules to the core's
 * platform, app and command line, which iterate them and import no module.
 */
export const platformModules = new InstalledModules(modules);

for (const m of platformModules.list) {
  registerMessages(m.id, m.messages);
  if (m.errorReasons) registerErrorReasons(m.id, m.errorReasons);
}
// Every database this process migrates applies the modules' own migration sets after the core's.
registerModuleMigrations(platformModules.list);

/** `openPlatform` with this installation's modules. */
export function openMide(config: Config, options: Omit<OpenPlatformOptions, 'modules'>): Promise<AppContext> {
  return openPlatform(config, { ...options, modules: platformModules });
}

export { buildApp, type AppOptions };
