-- id: impossible-travel
-- title: Impossible travel between countries
-- detection-type: ImpossibleTravel
-- severity: high
-- description: A successful sign-in, interactive or not, whose nearest earlier successful
--   sign-in of the same user from a known, different country happened at most the window
--   before it, by event time (CreatedDateTime). One finding per flagged sign-in. Users are
--   matched by user id, else by UPN without case; rows without a country are ignored.
-- parameters: $window_minutes
-- columns: DetectionType, DetectionId, TimeGenerated, EventTime, UserPrincipalName, UserId,
--   IPAddress, Country, City, AppDisplayName, AuthenticationRequirement, IsCookieReuse,
--   RiskLevelDuringSignIn, PriorIPAddress, PriorCountry, PriorApp, PriorSignIn,
--   TimeDiffMinutes, CorrelationId, SessionId, IsInteractive, AutonomousSystemNumber,
--   SourceFile, SourceRow,
--   PriorSourceFile, PriorSourceRow
WITH ordered AS (
    SELECT
        *,
        upper(country) AS country_code,
        row_number() OVER by_time AS position,
        upper(country) IS DISTINCT FROM upper(lag(country) OVER by_time) AS starts_run
    FROM hunt_rows
    WHERE country IS NOT NULL
    WINDOW by_time AS (PARTITION BY user_key ORDER BY event_time, file_index, source_row)
),

-- Consecutive sign-ins from one country form a run. The nearest earlier sign-in from another
-- country is the last one of the previous run, because every row between it and the current
-- one belongs to the current run. This needs one sort per user, not a pairwise join.
runs AS (
    SELECT
        *,
        max(CASE WHEN starts_run THEN position END) OVER (
            PARTITION BY user_key ORDER BY position ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS run_start
    FROM ordered
)

SELECT
    'ImpossibleTravel' AS DetectionType,
    'impossible-travel' AS DetectionId,
    later.ingest_time AS TimeGenerated,
    later.event_time AS EventTime,
    later.user_principal_name AS UserPrincipalName,
    later.user_id AS UserId,
    later.ip_address AS IPAddress,
    later.country AS Country,
    later.city AS City,
    later.app_display_name AS AppDisplayName,
    later.authentication_requirement AS AuthenticationRequirement,
    NULL::BOOLEAN AS IsCookieReuse,
    later.risk_level_during_sign_in AS RiskLevelDuringSignIn,
    prior.ip_address AS PriorIPAddress,
    prior.country AS PriorCountry,
    prior.app_display_name AS PriorApp,
    prior.event_time AS PriorSignIn,
    (epoch_us(later.event_time) - epoch_us(prior.event_time)) / 60000000.0 AS TimeDiffMinutes,
    later.correlation_id AS CorrelationId,
    later.session_id AS SessionId,
    later.is_interactive AS IsInteractive,
    later.autonomous_system_number AS AutonomousSystemNumber,
    later.source_file AS SourceFile,
    later.source_row AS SourceRow,
    prior.source_file AS PriorSourceFile,
    prior.source_row AS PriorSourceRow
FROM runs AS later
JOIN runs AS prior
    ON prior.user_key = later.user_key
    AND prior.position = later.run_start - 1
WHERE epoch_us(later.event_time) - epoch_us(prior.event_time) <= $window_minutes::BIGINT * 60000000
