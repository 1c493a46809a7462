CREATE TABLE "rn_instruments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" text NOT NULL,
	"definition" jsonb NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"loaded_by" uuid,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rn_instruments_code_version_key" UNIQUE("code","version")
);
--> statement-breakpoint
CREATE TABLE "rn_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"instrument_id" uuid NOT NULL,
	"occasion" text NOT NULL,
	"follow_up_id" uuid,
	"taken_on" date NOT NULL,
	"answers" jsonb NOT NULL,
	"economic" numeric(5, 4) NOT NULL,
	"social" numeric(5, 4) NOT NULL,
	"psychosocial" numeric(5, 4) NOT NULL,
	"composite" numeric(5, 4) NOT NULL,
	"sustainable" boolean NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rn_instruments" ADD CONSTRAINT "rn_instruments_loaded_by_users_id_fk" FOREIGN KEY ("loaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_scores" ADD CONSTRAINT "rn_scores_case_id_rn_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."rn_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_scores" ADD CONSTRAINT "rn_scores_instrument_id_rn_instruments_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."rn_instruments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_scores" ADD CONSTRAINT "rn_scores_follow_up_id_rn_follow_ups_id_fk" FOREIGN KEY ("follow_up_id") REFERENCES "public"."rn_follow_ups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rn_scores" ADD CONSTRAINT "rn_scores_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rn_instruments_one_active_idx" ON "rn_instruments" USING btree ("active") WHERE active;--> statement-breakpoint
CREATE INDEX "rn_scores_case_idx" ON "rn_scores" USING btree ("case_id","taken_on");--> statement-breakpoint
CREATE UNIQUE INDEX "rn_scores_follow_up_idx" ON "rn_scores" USING btree ("follow_up_id");