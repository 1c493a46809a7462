CREATE TABLE "person_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"number_key" text NOT NULL,
	"issuing_country_iso3" text
);
--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "partner" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "languages" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "person_documents" ADD CONSTRAINT "person_documents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_documents_person_idx" ON "person_documents" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_documents_number_key_idx" ON "person_documents" USING btree ("number_key");--> statement-breakpoint
CREATE INDEX "persons_birth_date_idx" ON "persons" USING btree ("birth_date");
--> statement-breakpoint
-- Possible duplicates are found by similar names (trigrams), on both engines: PGlite loads the extension at
-- creation (createPglite), and pg_trgm is a trusted extension on PostgreSQL 13+, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "persons_name_trgm_idx" ON "persons" USING gin ((unaccent_fold("given_name" || ' ' || "family_name")) gin_trgm_ops);
--> statement-breakpoint
-- Consents recorded before purposes became a fixed list keep their words in `scope`, under the registration purpose.
UPDATE "consents" SET "scope" = "purpose" || ': ' || "scope", "purpose" = 'registration'
  WHERE "purpose" NOT IN ('registration', 'sharing', 'follow_up', 'statistics');
--> statement-breakpoint
-- Merging duplicate records is a supervisor's verb: persons.merge, for the starting roles that supervise.
UPDATE roles SET permissions = array_append(permissions, 'persons.merge')
  WHERE id IN ('admin', 'national_coordinator') AND NOT ('persons.merge' = ANY(permissions));
--> statement-breakpoint
-- Reintegration case management (issue 5): caseworkers read and manage cases; supervisors get their own starting
-- role at seeding. Existing starting roles get the verbs here.
UPDATE roles SET permissions = array_cat(permissions, ARRAY['cases.read', 'cases.write'])
  WHERE id = 'case_worker' AND NOT ('cases.read' = ANY(permissions));
--> statement-breakpoint
UPDATE roles SET permissions = array_cat(permissions, ARRAY['cases.read', 'cases.write', 'cases.supervise', 'cases.protected', 'consent.override', 'reintegration.configure'])
  WHERE id = 'admin' AND NOT ('cases.read' = ANY(permissions));
