-- The platform rule (xreview D0), written once: every SQL file and sources.platform_rule call these.
-- A re-export is told by (learner, base id, platform); a blank platform matches any.
-- warehouse.connection.connect() creates them on every open (define_macros in platform_rule.py):
-- stored in the warehouse file by a writer (the staging.answers view calls platform_key, so any reader
-- of the file needs it stored), as TEMP macros by a read-only connection (a warehouse built by older
-- code has none until it is next opened for writing).
-- The provider as the rule reads it: trimmed (DuckDB's trim: spaces, not tabs), '' where blank.
CREATE OR REPLACE MACRO provider_text(provider) AS trim(coalesce(provider, ''));
-- The platform key: the provider lower-cased and trimmed, '' where blank (an unknown platform).
CREATE OR REPLACE MACRO platform_key(provider) AS lower(provider_text(provider));
-- Two platform keys may name one platform: the same key, or either unknown.
CREATE OR REPLACE MACRO same_platform(a, b) AS a = b OR a = '' OR b = '';
-- The base id: the attempt id less the ' (<provider>)' one file holding two platforms' sittings gives it.
CREATE OR REPLACE MACRO base_id(attempt_id, provider) AS
    CASE WHEN provider_text(provider) <> '' AND suffix(attempt_id, ' (' || provider_text(provider) || ')')
         THEN left(attempt_id, length(attempt_id) - length(provider_text(provider)) - 3) ELSE attempt_id END;
