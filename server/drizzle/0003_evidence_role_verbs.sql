-- The evidence module adds two verbs: data.import (officers who import national series) and indicators.manage
-- (analysts who define indicators). Databases seeded before this migration get them on the starting roles that
-- still exist; a fresh database has no roles yet here, and seeding gives them from STARTING_ROLES.
UPDATE roles SET permissions = array_append(permissions, 'data.import')
  WHERE id IN ('admin', 'national_coordinator', 'local_officer', 'analyst') AND NOT ('data.import' = ANY(permissions));
--> statement-breakpoint
UPDATE roles SET permissions = array_append(permissions, 'indicators.manage')
  WHERE id IN ('admin', 'analyst') AND NOT ('indicators.manage' = ANY(permissions));
