-- One reference numbering for the workflow records (core/workflow/references.ts): a counter per series and year.
-- Reintegration's per-year counters and the projects' sequence move into it, so the next numbers continue.
CREATE TABLE "reference_counters" (
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "reference_counters_series_year_pk" PRIMARY KEY("series","year")
);
--> statement-breakpoint
INSERT INTO "reference_counters" ("series", "year", "last") SELECT 'rn_case', "year", "last" FROM "rn_reference_counters";--> statement-breakpoint
-- The sequence numbered projects across years; per year, the next number follows the highest one given that year.
INSERT INTO "reference_counters" ("series", "year", "last")
SELECT 'rm_project', split_part("reference", '-', 2)::integer, max(split_part("reference", '-', 3)::integer)
FROM "rm_projects" WHERE "reference" ~ '^P-[0-9]{4}-[0-9]+$'
GROUP BY 2;--> statement-breakpoint
DROP TABLE "rn_reference_counters" CASCADE;--> statement-breakpoint
DROP SEQUENCE "public"."rm_project_reference_seq";
