import { main } from '../core/cli/main.js';
import { platformModules } from './index.js';

/** The `mide` command (`server/bin/mide.js` runs this, compiled): the core's commands and every module's. */
export function runMide(argv: string[]): Promise<number> {
  return main(argv, platformModules);
}
