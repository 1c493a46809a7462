import type { Executor } from '../db/engine.js';
import type { Keyring } from '../keys/keyring.js';

/**
 * What an export may show: sealed values are opened with the keyring; values under `cases.protected`
 * (`protected`) only when the exporter holds that permission AND confirmed their identity again for this export
 * (`people/service.ts`, `exportPerson`). Without both, a holder puts `{ withheld: true }` in their place.
 */
export interface ExportAccess {
  keyring: Keyring;
  protected: boolean;
}

/** What stands in an export for a protected value the exporter may not see. */
export const WITHHELD = { withheld: true } as const;

/**
 * What a part of the platform keeps about a person, and how to export or erase it.
 * Every module that holds personal data registers one of these (in its privacy.ts);
 * exporting or erasing a person walks them all in one transaction.
 */
export interface PersonalDataHolder {
  /** Module or core area name, e.g. "people", "reintegration". */
  owner: string;
  /** Tables and the personal fields they hold, for the record of processing activities. */
  holds: { table: string; fields: string[]; purpose: string }[];
  exportPerson(tx: Executor, personId: string, access: ExportAccess): Promise<Record<string, unknown>>;
  /** Deletes or anonymises the person's records; returns how many rows it touched. */
  erasePerson(tx: Executor, personId: string): Promise<number>;
  /**
   * Moves the records of a duplicate person to the person that stays (a supervisor merged them); returns how many
   * rows it moved. Runs in the merge's transaction, before the duplicate's registry row is deleted.
   */
  mergePerson(tx: Executor, fromPersonId: string, intoPersonId: string): Promise<number>;
}
