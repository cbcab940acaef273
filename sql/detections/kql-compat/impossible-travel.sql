-- id: kql-impossible-travel
-- title: Impossible travel, as the Sentinel rule computes it
-- detection-type: ImpossibleTravel
-- severity: high
-- family: rule
-- description: Every pair of successful SigninLogs sign-ins of one UserPrincipalName (exact,
--   case-sensitive) with different CorrelationIds and different non-empty countries, where
--   datetime_diff('minute', later, earlier) is between 0 and the window. Reads kql_signins.
-- parameters: $window_minutes
-- columns: DetectionType, DetectionId, TimeGenerated, EventTime, UserPrincipalName, UserId,
--   IPAddress, Country, City, AppDisplayName, AuthenticationRequirement, IsCookieReuse,
--   RiskLevelDuringSignIn, PriorIPAddress, PriorCountry, PriorApp, PriorSignIn,
--   TimeDiffMinutes, CorrelationId, SessionId, IsInteractive, AutonomousSystemNumber,
--   SourceFile, SourceRow,
--   PriorSourceFile, PriorSourceRow
WITH located AS (
    SELECT *, hc_minute_bucket(kql_time, $window_minutes::INTEGER + 1) AS bucket
    FROM kql_signins
    WHERE kql_country <> ''
),

-- A pair within the window lies in one bucket or in two neighbouring ones, so each earlier
-- sign-in is offered to its own bucket and to the next. The equality join then costs the
-- number of candidate pairs, not the square of a user's sign-ins.
earlier AS (
    SELECT *, unnest([bucket, bucket + 1]) AS probe_bucket
    FROM located
)

SELECT
    'ImpossibleTravel' AS DetectionType,
    'kql-impossible-travel' AS DetectionId,
    later.kql_time AS TimeGenerated,
    later.event_time AS EventTime,
    later.kql_user AS UserPrincipalName,
    later.user_id AS UserId,
    later.ip_address AS IPAddress,
    later.kql_country AS Country,
    later.city AS City,
    later.app_display_name AS AppDisplayName,
    later.authentication_requirement AS AuthenticationRequirement,
    later.is_cookie_reuse AS IsCookieReuse,
    later.risk_level_during_sign_in AS RiskLevelDuringSignIn,
    earlier.ip_address AS PriorIPAddress,
    earlier.kql_country AS PriorCountry,
    earlier.app_display_name AS PriorApp,
    earlier.kql_time AS PriorSignIn,
    kql_minute_diff(later.kql_time, earlier.kql_time)::DOUBLE AS TimeDiffMinutes,
    later.correlation_id AS CorrelationId,
    later.session_id AS SessionId,
    later.is_interactive AS IsInteractive,
    later.autonomous_system_number AS AutonomousSystemNumber,
    later.source_file AS SourceFile,
    later.source_row AS SourceRow,
    earlier.source_file AS PriorSourceFile,
    earlier.source_row AS PriorSourceRow
FROM located AS later
JOIN earlier
    ON earlier.kql_user = later.kql_user
    AND earlier.probe_bucket = later.bucket
WHERE later.kql_correlation_id <> earlier.kql_correlation_id
    AND later.kql_time > earlier.kql_time
    AND later.kql_country <> earlier.kql_country
    AND kql_minute_diff(later.kql_time, earlier.kql_time) BETWEEN 0 AND $window_minutes::INTEGER
