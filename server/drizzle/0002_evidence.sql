CREATE TABLE "ev_data_elements" (
	"id" text PRIMARY KEY NOT NULL,
	"name_es" text NOT NULL,
	"name_en" text NOT NULL,
	"description_es" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"unit" text NOT NULL,
	"period_type" text NOT NULL,
	"aggregation" text NOT NULL,
	"bilateral" boolean DEFAULT false NOT NULL,
	"by_sex" boolean DEFAULT false NOT NULL,
	"code" text,
	"source_id" text NOT NULL,
	"bundled" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ev_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"content_hash" text NOT NULL,
	"data_element_ids" text[] NOT NULL,
	"org_unit_codes" text[] NOT NULL,
	"scope_code" text NOT NULL,
	"scope_path" text NOT NULL,
	"period_min" text,
	"period_max" text,
	"rows_read" integer NOT NULL,
	"rows_imported" integer NOT NULL,
	"rows_unchanged" integer NOT NULL,
	"rows_rejected" integer NOT NULL,
	"mapping" jsonb NOT NULL,
	"status" text DEFAULT 'imported' NOT NULL,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"undone_by" uuid,
	"undone_by_label" text,
	"undone_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ev_indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"name_es" text NOT NULL,
	"name_en" text NOT NULL,
	"description_es" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"numerator" jsonb NOT NULL,
	"denominator" jsonb,
	"factor" double precision DEFAULT 1 NOT NULL,
	"constant" double precision DEFAULT 0 NOT NULL,
	"unit" text NOT NULL,
	"decimals" integer DEFAULT 2 NOT NULL,
	"published_de" text,
	"bundled" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ev_profile_cache" (
	"code" text NOT NULL,
	"locale" text NOT NULL,
	"body" text NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ev_profile_cache_code_locale_pk" PRIMARY KEY("code","locale")
);
--> statement-breakpoint
CREATE TABLE "ev_sources" (
	"id" text PRIMARY KEY NOT NULL,
	"title_es" text NOT NULL,
	"title_en" text NOT NULL,
	"publisher" text NOT NULL,
	"licence" text NOT NULL,
	"vintage" text NOT NULL,
	"url" text,
	"kind" text NOT NULL,
	"file_name" text,
	"content_hash" text,
	"rows" integer DEFAULT 0 NOT NULL,
	"loaded_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ev_values" (
	"de" text NOT NULL,
	"ou" text NOT NULL,
	"pe" text NOT NULL,
	"partner" text DEFAULT '' NOT NULL,
	"sex" text DEFAULT 'T' NOT NULL,
	"disagg" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	"source_id" text NOT NULL,
	"computed" boolean DEFAULT false NOT NULL,
	"import_id" uuid,
	CONSTRAINT "ev_values_de_ou_pe_partner_sex_disagg_pk" PRIMARY KEY("de","ou","pe","partner","sex","disagg")
);
--> statement-breakpoint
ALTER TABLE "ev_data_elements" ADD CONSTRAINT "ev_data_elements_source_id_ev_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."ev_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ev_data_elements" ADD CONSTRAINT "ev_data_elements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ev_imports" ADD CONSTRAINT "ev_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ev_imports" ADD CONSTRAINT "ev_imports_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ev_indicators" ADD CONSTRAINT "ev_indicators_published_de_ev_data_elements_id_fk" FOREIGN KEY ("published_de") REFERENCES "public"."ev_data_elements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ev_indicators" ADD CONSTRAINT "ev_indicators_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ev_sources" ADD CONSTRAINT "ev_sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ev_imports_scope_idx" ON "ev_imports" USING btree ("scope_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "ev_imports_created_idx" ON "ev_imports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ev_values_partner_idx" ON "ev_values" USING btree ("de","partner","pe");--> statement-breakpoint
CREATE INDEX "ev_values_import_idx" ON "ev_values" USING btree ("import_id") WHERE "ev_values"."import_id" IS NOT NULL;