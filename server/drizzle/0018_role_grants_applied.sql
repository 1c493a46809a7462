CREATE TABLE "role_grants_applied" (
	"role_id" text NOT NULL,
	"permission" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "role_grants_applied_role_id_permission_pk" PRIMARY KEY("role_id","permission")
);
--> statement-breakpoint
ALTER TABLE "role_grants_applied" ADD CONSTRAINT "role_grants_applied_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Grants to starting roles are applied at start, once each, from the manifests (core/access/grants.ts). A database
-- that already has its roles received every grant of the starting roles as they stood before this migration (by
-- the seed and migrations 0003, 0004 and 0008): they are recorded as applied, so nothing is granted again, and a verb
-- an administrator removed stays removed. A fresh database has no roles yet here: the first start grants them all.
INSERT INTO "role_grants_applied" ("role_id", "permission")
SELECT r.id, g.permission
FROM (VALUES
  ('admin', ARRAY['users.manage', 'roles.manage', 'audit.read', 'orgunits.manage', 'persons.read', 'persons.write', 'persons.export', 'persons.erase', 'persons.merge', 'data.read', 'data.import', 'indicators.manage', 'remittances.quotes', 'schemes.manage', 'projects.propose', 'projects.manage', 'projects.score', 'projects.decide', 'cases.read', 'cases.write', 'cases.supervise', 'cases.protected', 'consent.override', 'reintegration.configure']),
  ('national_coordinator', ARRAY['audit.read', 'orgunits.manage', 'persons.read', 'persons.write', 'persons.export', 'persons.merge', 'data.read', 'data.import', 'remittances.quotes', 'schemes.manage', 'projects.manage', 'projects.decide']),
  ('local_officer', ARRAY['persons.read', 'persons.write', 'data.read', 'data.import', 'projects.manage']),
  ('case_worker', ARRAY['persons.read', 'persons.write', 'persons.export', 'data.read', 'cases.read', 'cases.write']),
  ('case_supervisor', ARRAY['persons.read', 'persons.write', 'persons.export', 'persons.merge', 'data.read', 'cases.read', 'cases.write', 'cases.supervise', 'cases.protected', 'consent.override']),
  ('analyst', ARRAY['data.read', 'data.import', 'indicators.manage', 'remittances.quotes']),
  ('viewer', ARRAY['data.read']),
  ('association', ARRAY['data.read', 'projects.propose']),
  ('committee_member', ARRAY['data.read', 'projects.score'])
) AS s(role_id, verbs)
CROSS JOIN LATERAL unnest(s.verbs) AS g(permission)
JOIN "roles" r ON r.id = s.role_id;
