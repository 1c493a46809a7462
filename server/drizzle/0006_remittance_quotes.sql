CREATE TABLE "rm_service_quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sending_country" text NOT NULL,
	"receiving_country" text NOT NULL,
	"sending_path" text NOT NULL,
	"receiving_path" text NOT NULL,
	"period" text NOT NULL,
	"provider" text NOT NULL,
	"provider_type" text NOT NULL,
	"product" text NOT NULL,
	"amount_sent" numeric(14, 2) NOT NULL,
	"sending_currency" text NOT NULL,
	"receiving_currency" text NOT NULL,
	"fee" numeric(14, 2) NOT NULL,
	"exchange_rate" double precision NOT NULL,
	"interbank_rate" double precision NOT NULL,
	"rate_disclosed" boolean NOT NULL,
	"speed" text NOT NULL,
	"payout_method" text NOT NULL,
	"created_by" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_by_label" text,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "rm_service_quotes" ADD CONSTRAINT "rm_service_quotes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rm_service_quotes" ADD CONSTRAINT "rm_service_quotes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rm_service_quotes_key" ON "rm_service_quotes" USING btree ("sending_country","receiving_country","period","provider","product","amount_sent");--> statement-breakpoint
CREATE INDEX "rm_service_quotes_sending_path_idx" ON "rm_service_quotes" USING btree ("sending_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "rm_service_quotes_receiving_path_idx" ON "rm_service_quotes" USING btree ("receiving_path" text_pattern_ops);