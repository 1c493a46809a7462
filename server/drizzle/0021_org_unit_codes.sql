CREATE TABLE "org_unit_codes" (
	"org_unit_id" uuid NOT NULL,
	"scheme" text NOT NULL,
	"code" text NOT NULL,
	CONSTRAINT "org_unit_codes_org_unit_id_scheme_pk" PRIMARY KEY("org_unit_id","scheme"),
	CONSTRAINT "org_unit_codes_scheme_code_key" UNIQUE("scheme","code")
);
--> statement-breakpoint
ALTER TABLE "org_unit_codes" ADD CONSTRAINT "org_unit_codes_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_unit_codes_code_idx" ON "org_unit_codes" USING btree ("code");