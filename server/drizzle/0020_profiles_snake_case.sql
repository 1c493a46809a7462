-- The API answers snake_case everywhere (ARCHITECTURE.md, "JSON casing"): the profiles kept as JSON text in the
-- older camelCase shape (builtAt, sourceIds, usdMillion, ...) are dropped and built again on their next request.
DELETE FROM "ev_profile_cache";
