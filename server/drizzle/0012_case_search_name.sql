ALTER TABLE "rn_cases" ADD COLUMN "search_name" text;--> statement-breakpoint
CREATE INDEX "rn_scores_instrument_taken_idx" ON "rn_scores" USING btree ("instrument_id","taken_on");--> statement-breakpoint
-- Hand-written below (drizzle cannot declare triggers, INCLUDE or trigram indexes). The caseload's name search reads
-- the person's folded name from rn_cases itself (measured with 100,000 cases by bench/reintegration-caseload.ts):
-- checking each case in scope against the persons table cost a probe per case; now the name is in the caseload index,
-- beside the filters, and a trigram index serves rare names. Two triggers keep the copy right: a case takes its
-- person's name when it is written with a new person (registration, merging, erasure sets it null), and a person's
-- new name goes to their cases.
CREATE FUNCTION rn_cases_set_search_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_name := (SELECT unaccent_fold(p.given_name || ' ' || p.family_name) FROM persons p WHERE p.id = NEW.person_id);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER rn_cases_search_name BEFORE INSERT OR UPDATE OF person_id ON rn_cases
  FOR EACH ROW EXECUTE FUNCTION rn_cases_set_search_name();--> statement-breakpoint
CREATE FUNCTION persons_copy_name_to_cases() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE rn_cases SET search_name = unaccent_fold(NEW.given_name || ' ' || NEW.family_name) WHERE person_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER persons_name_to_cases AFTER UPDATE OF given_name, family_name ON persons
  FOR EACH ROW WHEN (OLD.given_name IS DISTINCT FROM NEW.given_name OR OLD.family_name IS DISTINCT FROM NEW.family_name)
  EXECUTE FUNCTION persons_copy_name_to_cases();--> statement-breakpoint
UPDATE rn_cases c SET search_name = unaccent_fold(p.given_name || ' ' || p.family_name) FROM persons p WHERE p.id = c.person_id;--> statement-breakpoint
DROP INDEX "rn_cases_caseload_idx";--> statement-breakpoint
CREATE INDEX "rn_cases_caseload_idx" ON "rn_cases" ("org_unit_id", "status", "arrival_date")
  INCLUDE ("plan_due_date", "created_at", "id", "person_id", "reference", "caseworker_id", "return_category", "search_name");--> statement-breakpoint
CREATE INDEX "rn_cases_search_name_trgm_idx" ON "rn_cases" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
-- The per-person copy replaces the probe index of 0011.
DROP INDEX "persons_id_name_fold_idx";
