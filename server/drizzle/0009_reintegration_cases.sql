CREATE TABLE "rn_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"answers" jsonb NOT NULL,
	"assessed_by" uuid,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rn_case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rn_case_protected" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"psychosocial_notes" text,
	"trafficking_indication" boolean,
	"violence_indication" boolean,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rn_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"person_id" uuid,
	"org_unit_id" uuid NOT NULL,
	"caseworker_id" uuid,
	"arrival_date" date NOT NULL,
	"returned_from_iso3" text NOT NULL,
	"return_how" text NOT NULL,
	"return_category" text,
	"household_size" integer NOT NULL,
	"immediate_needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"plan_due_date" date NOT NULL,
	"plan_submitted_at" timestamp with time zone,
	"plan_approved_at" timestamp with time zone,
	"plan_approved_by" uuid,
	"closure_reason" text,
	"closure_note" text,
	"closure_requested_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rn_cases_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "rn_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"scheduled_on" date NOT NULL,
	"done_on" date,
	"channel" text,
	"notes" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rn_plan_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"need" text NOT NULL,
	"response" text NOT NULL,
	"partner" text NOT NULL,
	"start_date" date,
	"end_date" date,
	"cost" numeric(14, 2),
	"currency" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rn_reference_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rn_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"partner" text NOT NULL,
	"service" text NOT NULL,
	"consent_id" uuid,
	"override_reason" text,
	"override_by" uuid,
	"partner_response" text,
	"responded_at" timestamp with time zone,
	"outcome" text,
	"outcome_notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rn_response_grid" (
	"need" text NOT NULL,
	"response" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "rn_response_grid_need_response_pk" PRIMARY KEY("need","response")
);
--> statement-breakpoint
CREATE TABLE "rn_return_categories" (
	"country_iso3" text NOT NULL,
	"code" text NOT NULL,
	"label_es" text NOT NULL,
	"label_en" text NOT NULL,
	"position" integer NOT NULL,
	"example" boolean DEFAULT false NOT NULL,
	CONSTRAINT "rn_return_categories_country_iso3_code_pk" PRIMARY KEY("country_iso3","code")
);
--> statement-breakpoint
ALTER TABLE "rn_assessments" ADD CONSTRAINT "rn_assessments_case_id_rn_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rn_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_assessments" ADD CONSTRAINT "rn_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_case_events" ADD CONSTRAINT "rn_case_events_case_id_rn_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rn_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_case_events" ADD CONSTRAINT "rn_case_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_case_protected" ADD CONSTRAINT "rn_case_protected_case_id_rn_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rn_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_case_protected" ADD CONSTRAINT "rn_case_protected_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_cases" ADD CONSTRAINT "rn_cases_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_cases" ADD CONSTRAINT "rn_cases_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_cases" ADD CONSTRAINT "rn_cases_caseworker_id_users_id_fk" FOREIGN KEY ("caseworker_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_cases" ADD CONSTRAINT "rn_cases_plan_approved_by_users_id_fk" FOREIGN KEY ("plan_approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_cases" ADD CONSTRAINT "rn_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_follow_ups" ADD CONSTRAINT "rn_follow_ups_case_id_rn_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rn_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_follow_ups" ADD CONSTRAINT "rn_follow_ups_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_plan_activities" ADD CONSTRAINT "rn_plan_activities_case_id_rn_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rn_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_referrals" ADD CONSTRAINT "rn_referrals_case_id_rn_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rn_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_referrals" ADD CONSTRAINT "rn_referrals_consent_id_consents_id_fk" FOREIGN KEY ("consent_id") REFERENCES "public"."consents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_referrals" ADD CONSTRAINT "rn_referrals_override_by_users_id_fk" FOREIGN KEY ("override_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_referrals" ADD CONSTRAINT "rn_referrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rn_assessments_case_idx" ON "rn_assessments" USING btree ("case_id","kind","assessed_at");--> statement-breakpoint
CREATE INDEX "rn_case_events_case_idx" ON "rn_case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "rn_cases_org_unit_status_idx" ON "rn_cases" USING btree ("org_unit_id","status","arrival_date");--> statement-breakpoint
CREATE INDEX "rn_cases_overdue_idx" ON "rn_cases" USING btree ("plan_due_date") WHERE status IN ('registered', 'planning', 'plan_submitted');--> statement-breakpoint
CREATE INDEX "rn_cases_caseworker_status_idx" ON "rn_cases" USING btree ("caseworker_id","status");--> statement-breakpoint
CREATE INDEX "rn_cases_category_idx" ON "rn_cases" USING btree ("return_category");--> statement-breakpoint
CREATE INDEX "rn_cases_person_idx" ON "rn_cases" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "rn_cases_arrival_idx" ON "rn_cases" USING btree ("arrival_date");--> statement-breakpoint
CREATE INDEX "rn_follow_ups_case_idx" ON "rn_follow_ups" USING btree ("case_id","scheduled_on");--> statement-breakpoint
CREATE INDEX "rn_plan_activities_case_idx" ON "rn_plan_activities" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "rn_referrals_case_idx" ON "rn_referrals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "rn_referrals_partner_idx" ON "rn_referrals" USING btree ("partner");