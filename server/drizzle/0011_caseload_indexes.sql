DROP INDEX "rn_cases_org_unit_status_idx";--> statement-breakpoint
-- Hand-written (drizzle cannot declare INCLUDE or index expressions with included columns). Measured with 100,000
-- cases by bench/reintegration-caseload.ts.
-- The caseload: the same keys as the index it replaces, plus every column the caseload filters and orders on, so a
-- page is read from the index alone (an index-only scan once the table is vacuumed).
CREATE INDEX "rn_cases_caseload_idx" ON "rn_cases" ("org_unit_id", "status", "arrival_date")
  INCLUDE ("plan_due_date", "created_at", "id", "person_id", "reference", "caseworker_id", "return_category");--> statement-breakpoint
-- The name search of the caseload checks the person of each case the other filters kept: this index holds the folded
-- name next to the id, so the check reads it instead of folding the name again (folding costs microseconds per row).
-- The plain name columns are included because the planner only considers an index-only scan when every column the
-- expression uses is in the index.
CREATE INDEX "persons_id_name_fold_idx" ON "persons" ("id", (unaccent_fold("given_name" || ' ' || "family_name")))
  INCLUDE ("given_name", "family_name");
