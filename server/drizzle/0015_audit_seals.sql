CREATE TABLE "audit_seals" (
	"pos" bigint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_seals_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
-- Added without its default first, then given the default: the rows written before stay NULL (they carry their own
-- SHA-256 link) and the table is not rewritten.
ALTER TABLE "audit_log" ADD COLUMN "xid" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "xid" SET DEFAULT (pg_current_xact_id()::text)::bigint;--> statement-breakpoint
ALTER TABLE "audit_seals" ADD CONSTRAINT "audit_seals_seq_audit_log_seq_fk" FOREIGN KEY ("seq") REFERENCES "public"."audit_log"("seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_xid_idx" ON "audit_log" USING btree ("xid");