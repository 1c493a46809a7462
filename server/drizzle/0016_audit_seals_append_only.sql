-- Hand-written. The keyed audit chain (see ARCHITECTURE.md, "Audit").
--
-- Entries are now plain INSERTs with no lock; the sealer links them in audit_seals. audit_append (0013), which took
-- the chain's advisory lock on every request, is no longer called.
DROP FUNCTION IF EXISTS audit_append(timestamptz, uuid, text, text, text, text, text, text, text, jsonb, text);
--> statement-breakpoint
-- Seals are insert-only, like the entries.
CREATE FUNCTION audit_seals_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_seals is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_seals_no_update_delete BEFORE UPDATE OR DELETE ON audit_seals
  FOR EACH ROW EXECUTE FUNCTION audit_seals_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_seals_no_truncate BEFORE TRUNCATE ON audit_seals
  FOR EACH STATEMENT EXECUTE FUNCTION audit_seals_refuse_change();
