import { desc } from 'drizzle-orm';
import { appendAudit } from '../../core/audit/store.js';
import { authorFields, type AppContext, type RequestContext } from '../../core/context.js';
import { AppError } from '../../core/http/errors.js';
import { isoDate } from '../../core/http/presenters.js';
import { cleanItemName, itemNameKey } from './domain/items.js';
import { __name__Items } from './schema.js';

/** The actions on items: each takes the context it needs, throws keys (never words), and audits what it writes. */

type ItemRow = typeof __name__Items.$inferSelect;

/** An item as the API answers it (snake_case JSON). */
export const presentItem = (row: ItemRow) => ({ id: row.id, name: row.name, created_at: isoDate(row.createdAt)! });

/** The items, newest first. */
export async function listItems(ctx: AppContext): Promise<ItemRow[]> {
  return ctx.db.select().from(__name__Items).orderBy(desc(__name__Items.createdAt)).limit(500);
}

/** Creates an item and its audit entry in one transaction; a name already taken (domain/items.ts) is a conflict. */
export async function createItem(ctx: RequestContext, input: { name: string }): Promise<ItemRow> {
  const name = cleanItemName(input.name);
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(__name__Items)
      .values({ name, nameKey: itemNameKey(name), createdBy: ctx.actor.userId })
      .onConflictDoNothing({ target: __name__Items.nameKey })
      .returning();
    if (!created) throw new AppError('conflict', [{ path: 'name', key: '__id__.name_taken', params: { name } }]);
    await appendAudit(tx, { ...authorFields({ kind: 'user', actor: ctx.actor }), ...ctx.meta, action: '__id__.item_created', recordType: '__id___item', recordId: created.id, changedFields: ['name'] });
    return created;
  });
}
