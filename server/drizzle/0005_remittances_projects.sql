CREATE SEQUENCE "public"."rm_project_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "rm_association_members" (
	"association_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rm_association_members_association_id_user_id_pk" PRIMARY KEY("association_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "rm_associations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"residence_org_unit_id" uuid NOT NULL,
	"residence_city" text NOT NULL,
	"members_count" integer NOT NULL,
	"contact_person_id" uuid,
	"registration_document_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"validated_at" timestamp with time zone,
	"validated_by" uuid,
	"rejection_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rm_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"association_id" uuid,
	"project_id" uuid,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rm_closures" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"beneficiaries" integer NOT NULL,
	"jobs_created" integer NOT NULL,
	"outcome" text NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rm_contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"party" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"received_on" date NOT NULL,
	"reference" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"recorded_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rm_contributions_idempotency_uq" UNIQUE("project_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "rm_progress_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"period" text NOT NULL,
	"physical_pct" numeric(5, 2) NOT NULL,
	"spent" numeric(14, 2) NOT NULL,
	"narrative" text NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reported_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rm_progress_reports_period_uq" UNIQUE("project_id","period")
);
--> statement-breakpoint
CREATE TABLE "rm_project_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"step" text NOT NULL,
	"status_after" text NOT NULL,
	"actor_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rm_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"association_id" uuid NOT NULL,
	"scheme_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"project_type" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"budget" numeric(14, 2) NOT NULL,
	"expected_beneficiaries" integer NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"check_complete" boolean,
	"check_missing" jsonb,
	"check_note" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"decision" text,
	"decision_reasons" text,
	"decision_minutes" text,
	"minutes_attachment_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"commitments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"agreement_number" text,
	"agreement_signed_on" date,
	"agreement_attachment_id" uuid,
	"agreement_by" uuid,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rm_projects_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "rm_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"currency" text NOT NULL,
	"parties" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"criteria" jsonb NOT NULL,
	"min_score" numeric(4, 2) NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rm_schemes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "rm_score_sheets" (
	"project_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"scores" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rm_score_sheets_project_id_member_id_pk" PRIMARY KEY("project_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "rm_association_members" ADD CONSTRAINT "rm_association_members_association_id_rm_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."rm_associations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_association_members" ADD CONSTRAINT "rm_association_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_associations" ADD CONSTRAINT "rm_associations_residence_org_unit_id_org_units_id_fk" FOREIGN KEY ("residence_org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_associations" ADD CONSTRAINT "rm_associations_contact_person_id_persons_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_associations" ADD CONSTRAINT "rm_associations_registration_document_id_rm_attachments_id_fk" FOREIGN KEY ("registration_document_id") REFERENCES "public"."rm_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_associations" ADD CONSTRAINT "rm_associations_validated_by_users_id_fk" FOREIGN KEY ("validated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_associations" ADD CONSTRAINT "rm_associations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_attachments" ADD CONSTRAINT "rm_attachments_association_id_rm_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."rm_associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_attachments" ADD CONSTRAINT "rm_attachments_project_id_rm_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."rm_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_attachments" ADD CONSTRAINT "rm_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_closures" ADD CONSTRAINT "rm_closures_project_id_rm_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."rm_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_closures" ADD CONSTRAINT "rm_closures_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_contributions" ADD CONSTRAINT "rm_contributions_project_id_rm_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."rm_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_contributions" ADD CONSTRAINT "rm_contributions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_progress_reports" ADD CONSTRAINT "rm_progress_reports_project_id_rm_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."rm_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_progress_reports" ADD CONSTRAINT "rm_progress_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_project_events" ADD CONSTRAINT "rm_project_events_project_id_rm_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."rm_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_project_events" ADD CONSTRAINT "rm_project_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_projects" ADD CONSTRAINT "rm_projects_association_id_rm_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."rm_associations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_projects" ADD CONSTRAINT "rm_projects_scheme_id_rm_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."rm_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_projects" ADD CONSTRAINT "rm_projects_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_projects" ADD CONSTRAINT "rm_projects_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_projects" ADD CONSTRAINT "rm_projects_minutes_attachment_id_rm_attachments_id_fk" FOREIGN KEY ("minutes_attachment_id") REFERENCES "public"."rm_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_projects" ADD CONSTRAINT "rm_projects_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_projects" ADD CONSTRAINT "rm_projects_agreement_attachment_id_rm_attachments_id_fk" FOREIGN KEY ("agreement_attachment_id") REFERENCES "public"."rm_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_projects" ADD CONSTRAINT "rm_projects_agreement_by_users_id_fk" FOREIGN KEY ("agreement_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_projects" ADD CONSTRAINT "rm_projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_schemes" ADD CONSTRAINT "rm_schemes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_score_sheets" ADD CONSTRAINT "rm_score_sheets_project_id_rm_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."rm_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_score_sheets" ADD CONSTRAINT "rm_score_sheets_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rm_association_members_user_idx" ON "rm_association_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "rm_attachments_project_idx" ON "rm_attachments" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "rm_attachments_association_idx" ON "rm_attachments" USING btree ("association_id");--> statement-breakpoint
CREATE INDEX "rm_project_events_project_idx" ON "rm_project_events" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "rm_projects_association_idx" ON "rm_projects" USING btree ("association_id");--> statement-breakpoint
CREATE INDEX "rm_projects_org_unit_idx" ON "rm_projects" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "rm_projects_status_idx" ON "rm_projects" USING btree ("status");