-- Every sign-in of each flagged user around their shown findings, failed and duplicate rows
-- included, so that the analyst has the context without the whole dump. A user's window runs
-- from 24 hours before their earliest finding (or its prior sign-in) to 24 hours after their
-- latest. Users are matched by user id, else by UPN without case.
WITH flagged AS (
    SELECT
        lower(coalesce(UserId, UserPrincipalName)) AS user_key,
        min(least(EventTime, coalesce(PriorSignIn, EventTime))) - INTERVAL 24 HOUR AS window_start,
        max(EventTime) + INTERVAL 24 HOUR AS window_end
    FROM findings
    WHERE SuppressedBy IS NULL
    GROUP BY 1
)

SELECT scoped_rows.* EXCLUDE (reference_time)
FROM scoped_rows
JOIN flagged
    ON flagged.user_key = lower(coalesce(scoped_rows.user_id, scoped_rows.user_principal_name))
    AND scoped_rows.event_time BETWEEN flagged.window_start AND flagged.window_end
ORDER BY scoped_rows.file_index, scoped_rows.source_row
