-- id: impossible-travel
-- title: Impossible travel between countries
-- detection-type: ImpossibleTravel
-- severity: high
-- family: location
-- description: A successful sign-in, interactive or not, whose nearest earlier successful
--   sign-in of the same user from a known, different country happened at most the window
--   before it, by event time (CreatedDateTime). One finding per flagged sign-in. Users are
--   matched by user id, else by UPN without case; rows without a country are ignored. When
--   both sign-ins carry valid coordinates and the distance between them could be covered
--   at the maximum speed or slower (a short hop across a border), the pair is not flagged.
-- parameters: $window_minutes, $max_speed_kmh
-- columns: DetectionType, DetectionId, Severity, Reason, TimeGenerated, EventTime,
--   UserPrincipalName, UserId, IPAddress, Country, City, AppDisplayName, AppId,
--   AuthenticationRequirement, IsCookieReuse, RiskLevelDuringSignIn, PriorIPAddress,
--   PriorCountry, PriorApp, PriorSignIn, TimeDiffMinutes, DistanceKm, SpeedKmh,
--   CorrelationId, SessionId, IsInteractive, AutonomousSystemNumber,
--   PriorAutonomousSystemNumber, SourceFile, SourceRow, PriorSourceFile, PriorSourceRow,
--   UserKey
WITH ordered AS (
    -- Only the columns the output needs, because the window sorts carry every column they read.
    SELECT
        user_key, country_code, event_time, file_index, source_row, source_file, ingest_time,
        user_principal_name, user_id, ip_address, country, city, app_display_name, app_id,
        authentication_requirement, risk_level_during_sign_in, correlation_id, session_id,
        is_interactive, autonomous_system_number, has_coordinates, latitude, longitude,
        row_number() OVER by_time AS position,
        country_code IS DISTINCT FROM lag(country_code) OVER by_time AS starts_run
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
),

pairs AS (
    SELECT
        later.*,
        prior.ip_address AS prior_ip_address,
        prior.country AS prior_country,
        prior.country_code AS prior_country_code,
        prior.app_display_name AS prior_app,
        prior.event_time AS prior_time,
        prior.autonomous_system_number AS prior_asn,
        prior.source_file AS prior_source_file,
        prior.source_row AS prior_source_row,
        epoch_us(later.event_time) - epoch_us(prior.event_time) AS elapsed_us,
        CASE
            WHEN later.has_coordinates AND prior.has_coordinates
                THEN hc_distance_km(prior.latitude, prior.longitude, later.latitude, later.longitude)
        END AS distance_km
    FROM runs AS later
    JOIN runs AS prior
        ON prior.user_key = later.user_key
        AND prior.position = later.run_start - 1
    WHERE epoch_us(later.event_time) - epoch_us(prior.event_time) <= $window_minutes::BIGINT * 60000000
),

measured AS (
    SELECT
        *,
        CASE WHEN elapsed_us > 0 THEN distance_km / (elapsed_us / 3600000000.0) END AS speed_kmh
    FROM pairs
)

SELECT
    'ImpossibleTravel' AS DetectionType,
    'impossible-travel' AS DetectionId,
    'high' AS Severity,
    printf('%s to %s in %.1f min', prior_country_code, country_code, elapsed_us / 60000000.0)
        || CASE
            WHEN speed_kmh IS NOT NULL THEN printf(', %.0f km at %.0f km/h', distance_km, speed_kmh)
            WHEN distance_km IS NOT NULL THEN printf(', %.0f km apart at the same instant', distance_km)
            ELSE ''
        END AS Reason,
    ingest_time AS TimeGenerated,
    event_time AS EventTime,
    user_principal_name AS UserPrincipalName,
    user_id AS UserId,
    ip_address AS IPAddress,
    country AS Country,
    city AS City,
    app_display_name AS AppDisplayName,
    app_id AS AppId,
    authentication_requirement AS AuthenticationRequirement,
    NULL::BOOLEAN AS IsCookieReuse,
    risk_level_during_sign_in AS RiskLevelDuringSignIn,
    prior_ip_address AS PriorIPAddress,
    prior_country AS PriorCountry,
    prior_app AS PriorApp,
    prior_time AS PriorSignIn,
    elapsed_us / 60000000.0 AS TimeDiffMinutes,
    distance_km AS DistanceKm,
    speed_kmh AS SpeedKmh,
    correlation_id AS CorrelationId,
    session_id AS SessionId,
    is_interactive AS IsInteractive,
    autonomous_system_number AS AutonomousSystemNumber,
    prior_asn AS PriorAutonomousSystemNumber,
    source_file AS SourceFile,
    source_row AS SourceRow,
    prior_source_file AS PriorSourceFile,
    prior_source_row AS PriorSourceRow,
    user_key AS UserKey
FROM measured
-- Two sign-ins at the same instant need infinite speed, so only a positive time can clear a pair.
WHERE distance_km IS NULL OR elapsed_us = 0 OR speed_kmh > $max_speed_kmh::DOUBLE
