-- Hand-written. One audit entry in one round trip: take the chain's lock, read the last hash, insert the entry with
-- its hash. Before, a read of personal data cost five round trips (BEGIN, lock, last hash, insert, COMMIT), a fifth
-- of a caseload request's database time. The function is VOLATILE, so each statement in it takes a fresh snapshot:
-- the last hash is read after the lock is held and sees the entry of whoever held it before (one statement with the
-- lock in a CTE would not: its snapshot predates the wait). The server builds the canonical JSON of the entry up to
-- the previous hash (chain.ts, `canonicalHead`); the hash is SHA-256 of that text followed by the previous hash as a
-- JSON string and the closing bracket, exactly what `entryHash` computes, so the chain checks the same either way.
-- The lock key (any number fixed for the cluster) is the one the server used before this migration.
CREATE FUNCTION audit_append(
  p_at timestamptz, p_actor_id uuid, p_actor_label text, p_action text, p_record_type text, p_record_id text,
  p_org_unit_code text, p_ip text, p_request_id text, p_changed_fields jsonb, p_canonical_head text
) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(47112027::bigint);
  SELECT hash INTO prev FROM audit_log ORDER BY seq DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO audit_log (at, actor_id, actor_label, action, record_type, record_id, org_unit_code, ip, request_id, changed_fields, prev_hash, hash)
  VALUES (p_at, p_actor_id, p_actor_label, p_action, p_record_type, p_record_id, p_org_unit_code, p_ip, p_request_id, p_changed_fields,
          prev, encode(sha256(convert_to(p_canonical_head || '"' || prev || '"]', 'UTF8')), 'hex'));
END $$;
