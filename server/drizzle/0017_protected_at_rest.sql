CREATE TABLE "crypto_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"wrapped_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "rn_case_protected" ALTER COLUMN "trafficking_indication" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "rn_case_protected" ALTER COLUMN "violence_indication" SET DATA TYPE text;--> statement-breakpoint
CREATE UNIQUE INDEX "crypto_keys_active_idx" ON "crypto_keys" USING btree ("purpose") WHERE retired_at IS NULL;--> statement-breakpoint
CREATE INDEX "crypto_keys_purpose_idx" ON "crypto_keys" USING btree ("purpose","created_at");