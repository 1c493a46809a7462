import { appendAudit } from '../audit/store.js';
import { inScope } from '../access/policy.js';
import { authorFields, type AppContext, type Author, type RequestMeta } from '../context.js';
import type { FieldProblem } from '../http/errors.js';
import { readCodeList } from '../files/read.js';
import { insertCodeList, knownOrgUnitKinds } from './store.js';

/** Validates a code list against the tree and the author's capture scope and inserts all of it, or nothing. */
export async function importCodeList(
  ctx: AppContext,
  author: Author,
  meta: RequestMeta,
  csv: string,
  dryRun: boolean,
): Promise<{ imported: number; errors?: undefined } | { imported: 0; errors: FieldProblem[] }> {
  return ctx.db.transaction(async (tx) => {
    const known = await knownOrgUnitKinds(tx);
    // A user adds units only inside their capture scope; the command line acts as the system, anywhere.
    const allowedParents =
      author.kind === 'user' ? new Set([...known.values()].filter((unit) => inScope(author.actor, 'capture', unit.path)).map((unit) => unit.code)) : undefined;
    // Parsed in the file-reading worker: a 10 MiB list takes a second of CPU that the request thread must not.
    const { rows, errors } = await readCodeList(csv, known, { allowedParents });
    if (errors.length) {
      return {
        imported: 0 as const,
        errors: errors.slice(0, 500).map((e): FieldProblem => ({
          path: '',
          place: e.column ? { key: 'location.row_column', params: { row: e.row, column: e.column } } : { key: 'location.row', params: { row: e.row } },
          key: e.messageKey,
          params: e.params,
        })),
      };
    }
    if (dryRun) return { imported: rows.length };
    const imported = await insertCodeList(tx, rows);
    await appendAudit(tx, {
      ...authorFields(author),
      ...meta,
      action: 'orgunits.import',
      recordType: 'org_unit',
      recordId: `${imported} units`,
      orgUnitCode: rows[0]?.parentCode ?? null,
      changedFields: ['code', 'name', 'parent_code'],
    });
    return { imported };
  });
}
