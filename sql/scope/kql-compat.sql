-- Scope of the Sentinel rule, reproduced exactly: rows of the SigninLogs table with
-- ResultType 0 and TimeGenerated > now - lookback, where now is the newest TimeGenerated in
-- the input (CreatedDateTime for rows of an export without TimeGenerated) unless --now sets it.
-- Every row of `signins` gets one disposition, so the run can account for all of them.
-- Parameters: $now (ISO 8601 text, or '' for the newest time), $lookback_us::BIGINT.
-- NOTE: every row was normalised before this scope keeps the last 24 hours, which on a large
-- dump is most of the run (8.8 s of Parquet for 2,126 pairs at 1M rows, see docs/benchmarks.md).
CREATE TABLE scoped_rows AS
WITH reference AS (
    SELECT coalesce(nullif($now, '')::TIMESTAMPTZ, max(coalesce(ingest_time, event_time))) AS now
    FROM signins
),

numbered AS (
    SELECT
        signins.*,
        -- Overlapping exports repeat a sign-in; the first copy by file and row is kept.
        row_number() OVER (PARTITION BY record_key ORDER BY file_index, source_row) AS copy_number
    FROM signins
)

SELECT
    numbered.* EXCLUDE (copy_number),
    reference.now AS reference_time,
    CASE
        WHEN copy_number > 1 THEN 'duplicate'
        WHEN source_table IN ('ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs') THEN 'not_user_sign_in'
        -- The rule reads SigninLogs only, the table of interactive sign-ins.
        WHEN source_table = 'AADNonInteractiveUserSignInLogs'
            OR (source_table IS NULL AND is_interactive = false) THEN 'outside_rule_table'
        WHEN result_code <> 0 THEN 'failed'
        WHEN NOT coalesce(ingest_time, event_time) > reference.now - to_microseconds($lookback_us::BIGINT)
            THEN 'out_of_range'
        ELSE 'in_scope'
    END AS disposition
FROM numbered, reference;
