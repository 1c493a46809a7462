import pg from 'pg';

/**
 * Two roles on PostgreSQL (README, "Embedded database or PostgreSQL server"): migrations run as the owner of the
 * schema; the server runs as a runtime role that may read and write the platform's tables but can neither change
 * nor remove audit entries and seals, nor alter, disable or own the audit objects (only an owner or a superuser can
 * switch a trigger off). Applied after every migration as owner, so tables added later are covered; idempotent.
 */
export function runtimeGrantStatements(role: string): string[] {
  const r = quoteIdent(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    // Seals and entries: read and append, nothing else (the owner's triggers refuse changes even to the owner).
    `REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log, audit_seals FROM ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`,
    // A backup records the migration level.
    `GRANT USAGE ON SCHEMA drizzle TO ${r}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${r}`,
  ];
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The role of a connection string: its user. */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** Grants the runtime role its rights, connected as the owner. */
export async function grantRuntimeRole(client: pg.Client, role: string): Promise<void> {
  const { rows } = await client.query<{ owner: boolean }>('SELECT pg_has_role(current_user, $1, $2) AS owner FROM pg_roles WHERE rolname = $1', [role, 'MEMBER']);
  if (rows.length === 0) throw new Error(`The runtime database role "${role}" does not exist: create it first (README, "Embedded database or PostgreSQL server").`);
  // The owner itself needs no grants (and a role the owner belongs to would inherit ownership anyway).
  if (rows[0]!.owner) return;
  // One transaction: the broad grant and the audit tables' revoke land together, so there is no moment in which the
  // runtime role may update or delete audit rows.
  await client.query('BEGIN');
  try {
    for (const statement of runtimeGrantStatements(role)) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
