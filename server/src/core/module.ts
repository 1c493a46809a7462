import type { FastifyPluginAsync } from 'fastify';
import type { ParseArgsConfig } from 'node:util';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Catalogues } from './i18n/messages.js';
import type { PersonalDataHolder } from './people/privacy-registry.js';
import type { SealedTable } from './keys/sealed.js';

/**
 * The manifest of a platform module: the only way the core learns about a module. The composition root
 * (`server/src/composition/`) is the one place that imports the registry (`modules/index.ts`) and hands each
 * manifest to the core, which iterates them: routes, permissions and grants, tables, CLI commands, messages, error
 * reasons, the authorization walk, personal data, seeds and bundled data. Nothing else in the core imports a module.
 */
export interface PlatformModule {
  /** `reintegration`: also the namespace of its messages (`reintegration.no_consent`) and of its audit actions. */
  id: string;
  /** Every route of the module is mounted under `/api/v1/<apiPrefix>/`. */
  apiPrefix: string;
  /** Registers the module's routes (paths relative to its prefix). */
  routes?: (ctx: AppContext) => FastifyPluginAsync;

  /** The permission verbs the module adds (`cases.read`); a route's `config.permission` names a core or module verb. */
  permissions: readonly string[];
  /** Starting roles the module introduces (`case_worker`), created at start when missing. */
  roles?: readonly ModuleRole[];
  /**
   * Verbs given to starting roles (the module's own or the core's ones): applied at start once per grant, so an
   * administrator's later removal of a verb from a role is not undone. The admin role receives every verb.
   */
  grants: Readonly<Record<string, readonly string[]>>;

  /** The module's drizzle tables (`import * as schema from './schema.js'`); the composition root builds the schema. */
  tables: Readonly<Record<string, unknown>>;
  /** Prefixes of the module's table names (`ri_`): no other module's SQL may name them. */
  tablePrefixes: readonly string[];

  /** Commands of `mide` (`mide reintegration retention`), help included. */
  cli?: readonly ModuleCommand[];
  /** Its message catalogue (es complete; en, pt, fr), registered under its id. */
  messages: Catalogues;
  /** Error codes of its own (`idempotency_conflict`) and their HTTP status; the message is `<id>.error.<code>`. */
  errorReasons?: Readonly<Record<string, number>>;
  /** Its slice of the platform-wide authorization walk: who may call each of its routes. */
  authorization: Readonly<Record<string, RouteAccess>>;

  /** Its personal data: joins every export, erasure and merge of a person; null when it holds none. */
  privacy: PersonalDataHolder | null;
  /** Tables whose columns it keeps sealed (`core/keys/`): encrypted at start when still clear, rotated by `mide keys rotate`. */
  sealed?: readonly SealedTable[];
  /** Reference rows it needs to work (catalogues): cheap, idempotent, run at every start. */
  seed?: (ctx: AppContext) => Promise<void>;
  /** Bundled public data (large): loaded at first start, skipped when already loaded. Test templates may leave it out. */
  bundledData?: (ctx: AppContext) => Promise<void>;
}

export interface ModuleRole {
  id: string;
  /** Members must use a second factor. */
  requiresMfa?: boolean;
}

/**
 * Who may call a route, for the authorization walk: `public` anyone; `session` any session, even one still at the
 * second factor; `signed-in` any user past the second factor; otherwise the verb the route requires (a list: any).
 * Keys are `METHOD /api/v1/<prefix>/<path>` as fastify registers them.
 */
export type RouteAccess = 'public' | 'session' | 'signed-in' | string | readonly string[];

type CommandOptions = NonNullable<ParseArgsConfig['options']>;

/** What a module's command receives to open the platform for one run (and close it, sealing the audit entries). */
export interface CommandTools {
  config: Config;
  withPlatform<T>(command: string, work: (ctx: AppContext) => Promise<T>): Promise<T>;
}

export interface ModuleCommand {
  /** The words after `mide`: `reintegration retention`. */
  name: string;
  usage: string;
  summary: string;
  options: CommandOptions;
  /** Returns the exit status. */
  run(values: Record<string, string | boolean | undefined>, tools: CommandTools): Promise<number>;
}
