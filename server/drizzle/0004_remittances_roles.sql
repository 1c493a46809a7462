-- The remittances module adds verbs for service quotes, funding schemes and co-funded projects. Databases seeded
-- before this migration get them on the starting roles that still exist; a fresh database has no roles yet here,
-- and seeding gives them (and the two new roles, association and committee_member) from STARTING_ROLES.
UPDATE roles SET permissions = array_append(permissions, 'remittances.quotes')
  WHERE id IN ('admin', 'national_coordinator', 'analyst') AND NOT ('remittances.quotes' = ANY(permissions));
--> statement-breakpoint
UPDATE roles SET permissions = array_append(permissions, 'schemes.manage')
  WHERE id IN ('admin', 'national_coordinator') AND NOT ('schemes.manage' = ANY(permissions));
--> statement-breakpoint
UPDATE roles SET permissions = array_append(permissions, 'projects.manage')
  WHERE id IN ('admin', 'national_coordinator', 'local_officer') AND NOT ('projects.manage' = ANY(permissions));
--> statement-breakpoint
UPDATE roles SET permissions = array_append(permissions, 'projects.decide')
  WHERE id IN ('admin', 'national_coordinator') AND NOT ('projects.decide' = ANY(permissions));
--> statement-breakpoint
UPDATE roles SET permissions = array_append(permissions, 'projects.propose')
  WHERE id = 'admin' AND NOT ('projects.propose' = ANY(permissions));
--> statement-breakpoint
UPDATE roles SET permissions = array_append(permissions, 'projects.score')
  WHERE id = 'admin' AND NOT ('projects.score' = ANY(permissions));
