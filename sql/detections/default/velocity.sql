-- id: velocity
-- title: Travel faster than an airliner
-- detection-type: Velocity
-- severity: high
-- family: location
-- description: A successful sign-in whose previous sign-in of the same user with valid
--   coordinates lies at least the minimum distance away and at most the velocity window
--   before it, and would need more than the maximum speed to reach. Countries do not matter,
--   so travel within one country or between neighbours counts. Coordinates out of range,
--   missing, or exactly 0,0 are ignored. The minimum distance absorbs the error of IP
--   geolocation, which can place one address in cities far apart.
-- parameters: $velocity_window_minutes, $max_speed_kmh, $min_distance_km
-- columns: DetectionType, DetectionId, Severity, Reason, TimeGenerated, EventTime,
--   UserPrincipalName, UserId, IPAddress, Country, City, AppDisplayName, AppId,
--   AuthenticationRequirement, RiskLevelDuringSignIn, PriorIPAddress, PriorCountry, PriorApp,
--   PriorSignIn, TimeDiffMinutes, DistanceKm, SpeedKmh, CorrelationId, SessionId,
--   IsInteractive, AutonomousSystemNumber, PriorAutonomousSystemNumber, SourceFile, SourceRow,
--   PriorSourceFile, PriorSourceRow, UserKey
WITH located AS (
    -- Only the columns the output needs, because the window sort carries every column it reads.
    SELECT
        user_key, event_time, file_index, source_row, source_file, ingest_time,
        user_principal_name, user_id, ip_address, country, country_code, city, app_display_name, app_id,
        authentication_requirement, risk_level_during_sign_in, correlation_id, session_id,
        is_interactive, autonomous_system_number, latitude, longitude,
        lag(event_time) OVER by_time AS prior_time,
        lag(latitude) OVER by_time AS prior_latitude,
        lag(longitude) OVER by_time AS prior_longitude,
        lag(ip_address) OVER by_time AS prior_ip_address,
        lag(country) OVER by_time AS prior_country,
        lag(city) OVER by_time AS prior_city,
        lag(app_display_name) OVER by_time AS prior_app,
        lag(autonomous_system_number) OVER by_time AS prior_asn,
        lag(source_file) OVER by_time AS prior_source_file,
        lag(source_row) OVER by_time AS prior_source_row
    FROM hunt_rows
    WHERE has_coordinates
    WINDOW by_time AS (PARTITION BY user_key ORDER BY event_time, file_index, source_row)
),

measured AS (
    SELECT
        *,
        epoch_us(event_time) - epoch_us(prior_time) AS elapsed_us,
        hc_distance_km(prior_latitude, prior_longitude, latitude, longitude) AS distance_km
    FROM located
    WHERE prior_time IS NOT NULL
),

fast AS (
    SELECT
        *,
        CASE WHEN elapsed_us > 0 THEN distance_km / (elapsed_us / 3600000000.0) END AS speed_kmh
    FROM measured
    WHERE distance_km >= $min_distance_km::DOUBLE
        AND elapsed_us <= $velocity_window_minutes::BIGINT * 60000000
)

SELECT
    'Velocity' AS DetectionType,
    'velocity' AS DetectionId,
    'high' AS Severity,
    printf('%.0f km from %s in %.1f min', distance_km, coalesce(prior_city, prior_country, 'unknown place'), elapsed_us / 60000000.0)
        || CASE WHEN speed_kmh IS NULL THEN ' (same instant)' ELSE printf(', %.0f km/h', speed_kmh) END
        AS Reason,
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
FROM fast
WHERE speed_kmh IS NULL OR speed_kmh > $max_speed_kmh::DOUBLE
