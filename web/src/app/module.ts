import type { ComponentType } from 'react';

/**
 * The shape of a web module (and of the core's pages): what the app needs to know to route to its pages, show its
 * navigation entry and load its texts. Each module declares it in its own `module.ts`; the app composes them from
 * the registry (`web/src/modules/index.ts`) and never names a module itself.
 */

export type Lang = 'es' | 'en' | 'pt' | 'fr';
export type Catalogue = Record<string, string>;

export type PageProps = { params: Record<string, string> };
export type PageLoader = () => Promise<{ default: ComponentType<PageProps> }>;

/**
 * public: anyone; guest: the sign-in page; mfa: a session waiting for its code;
 * enroll: a session that must enrol (or a signed-in user adding a second factor); auth: signed in.
 */
export type Access = 'public' | 'guest' | 'mfa' | 'enroll' | 'auth';

export interface PageRoute {
  pattern: string;
  /** the page's code, loaded on first visit */
  page: PageLoader;
  access: Access;
  /** the user needs one of these permissions */
  anyOf?: readonly string[];
}

/** A text in the four languages, for what the shell shows before any module's catalogue is loaded. */
export type Texts = Record<Lang, string>;

/**
 * An entry of the main navigation (and of the home page's list of sections). Its texts are registered under the
 * message keys `nav.<id>` and `nav.<id>.description`, so breadcrumbs use them as any other message.
 */
export interface NavEntryDef<Id extends string = string> {
  id: Id;
  path: string;
  label: Texts;
  description: Texts;
  /** shown to a user holding one of these permissions */
  anyOf: readonly string[];
  /** shown to everyone, signed in or not */
  public?: boolean;
}

/** The catalogue of a module in each language, loaded with its pages (only the active language and its fallbacks). */
export type Catalogues = Record<Lang, () => Promise<{ default: Catalogue }>>;

export interface WebModule<Messages = Record<never, string>, NavId extends string = string> {
  /** the module's folder name */
  id: string;
  /** every message key of the module starts with one of these (so keys never collide across modules) */
  namespaces: readonly string[];
  /** absent for the core, whose texts are in the shell's catalogue (`web/src/app/i18n/`) */
  catalogues?: Catalogues;
  /** every verb the module's pages check (routes, navigation, buttons) */
  permissions: readonly string[];
  /** matched in order: a literal segment must come before a parameter in the same place */
  routes: readonly PageRoute[];
  nav: readonly NavEntryDef<NavId>[];
  /** type only: the keys of the module's catalogue (see `MessageKey` in `app/i18n.tsx`) */
  readonly messages?: Messages;
}

/** The message keys a module brings: its catalogue's keys and its navigation texts. */
export type ModuleMessageKey<M> =
  M extends WebModule<infer Messages, infer NavId> ? Extract<keyof Messages, string> | `nav.${NavId}` | `nav.${NavId}.description` : never;
