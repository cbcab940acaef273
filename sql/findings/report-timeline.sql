-- Sign-ins of the flagged users for the HTML report's timelines, read from `evidence` (the
-- rows of sql/findings/evidence-rows.sql): at most 2,000 per user, the earliest, each marked
-- when a finding points at it.
SELECT
    lower(coalesce(user_id, user_principal_name)) AS user_key,
    any_value(user_principal_name) OVER (PARTITION BY lower(coalesce(user_id, user_principal_name))) AS user_name,
    event_time,
    country,
    ip_address,
    app_display_name,
    disposition,
    EXISTS (
        SELECT 1 FROM findings
        WHERE findings.SourceFile = evidence.source_file AND findings.SourceRow = evidence.source_row
            AND findings.SuppressedBy IS NULL
    ) AS flagged
FROM evidence
QUALIFY row_number() OVER (PARTITION BY lower(coalesce(user_id, user_principal_name)) ORDER BY event_time) <= 2000
ORDER BY user_key, event_time
