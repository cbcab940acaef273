-- Scope of the default mode: every successful sign-in in the input, narrowed only by
-- --since, --until or --lookback (relative to --now, else to the newest event time).
-- Every row of `signins` gets one disposition, so the run can account for all of them.
-- Parameters: $now, $since, $until (ISO 8601 text, or '' when not set), $lookback_us::BIGINT (0: none).
CREATE TABLE scoped_rows AS
WITH reference AS (
    SELECT
        coalesce(nullif($now, '')::TIMESTAMPTZ, max(event_time)) AS now,
        nullif($now, '') IS NOT NULL AS now_given
    FROM signins
),

bounds AS (
    SELECT
        now,
        greatest(
            nullif($since, '')::TIMESTAMPTZ,
            CASE WHEN $lookback_us::BIGINT > 0 THEN now - to_microseconds($lookback_us::BIGINT) END
        ) AS since,
        coalesce(
            nullif($until, '')::TIMESTAMPTZ,
            CASE WHEN $lookback_us::BIGINT > 0 AND now_given THEN now END
        ) AS until
    FROM reference
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
    bounds.now AS reference_time,
    CASE
        WHEN copy_number > 1 THEN 'duplicate'
        WHEN source_table IN ('ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs') THEN 'not_user_sign_in'
        WHEN result_code <> 0 THEN 'failed'
        WHEN event_time < bounds.since OR event_time > bounds.until THEN 'out_of_range'
        ELSE 'in_scope'
    END AS disposition
FROM numbered, bounds;
