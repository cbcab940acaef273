-- id: session-replay
-- title: One session used from several places or devices
-- detection-type: SessionReplay
-- severity: high
-- family: session
-- description: A successful sign-in whose session (SessionId, else UniqueTokenIdentifier)
--   started with another country, ASN, or device fingerprint (operating system and browser
--   family, from DeviceDetail or the user agent). Each dimension is compared with the first
--   known value in the session, over the session's whole lifetime, and unknown values never
--   count as a change. A stolen session cookie replayed by an adversary-in-the-middle kit
--   leaves this trace, even from the victim's own country. Severity is high when the country
--   changed, or both the ASN and the device did; medium for one of those two alone.
-- parameters: none
-- columns: DetectionType, DetectionId, Severity, Reason, TimeGenerated, EventTime,
--   UserPrincipalName, UserId, IPAddress, Country, City, AppDisplayName, AppId,
--   AuthenticationRequirement, RiskLevelDuringSignIn, PriorIPAddress, PriorCountry, PriorApp,
--   PriorSignIn, TimeDiffMinutes, CorrelationId, SessionId, IsInteractive,
--   AutonomousSystemNumber, PriorAutonomousSystemNumber, SourceFile, SourceRow,
--   PriorSourceFile, PriorSourceRow, UserKey
WITH sessions AS (
    -- Only the columns the output needs, because the window sort carries every column it reads.
    SELECT
        user_key, event_time, file_index, source_row, source_file, ingest_time,
        user_principal_name, user_id, ip_address, country, country_code, city, app_display_name, app_id,
        authentication_requirement, risk_level_during_sign_in, correlation_id, session_id,
        is_interactive, autonomous_system_number, session_key, unique_token_id, os_family, browser_family,
        first_value(country_code IGNORE NULLS) OVER whole_session AS first_country,
        first_value(autonomous_system_number IGNORE NULLS) OVER whole_session AS first_asn,
        first_value(os_family IGNORE NULLS) OVER whole_session AS first_os,
        first_value(browser_family IGNORE NULLS) OVER whole_session AS first_browser,
        first_value(event_time) OVER whole_session AS started_at,
        first_value(ip_address) OVER whole_session AS started_ip,
        first_value(country) OVER whole_session AS started_country,
        first_value(app_display_name) OVER whole_session AS started_app,
        first_value(autonomous_system_number) OVER whole_session AS started_asn,
        first_value(source_file) OVER whole_session AS started_file,
        first_value(source_row) OVER whole_session AS started_row
    FROM hunt_rows
    WHERE session_key IS NOT NULL
    WINDOW whole_session AS (
        PARTITION BY user_key, session_key
        ORDER BY event_time, file_index, source_row
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    )
),

compared AS (
    SELECT
        *,
        coalesce(country_code <> first_country, false) AS country_changed,
        coalesce(autonomous_system_number <> first_asn, false) AS asn_changed,
        coalesce(os_family <> first_os, false) OR coalesce(browser_family <> first_browser, false) AS device_changed
    FROM sessions
)

SELECT
    'SessionReplay' AS DetectionType,
    'session-replay' AS DetectionId,
    CASE WHEN country_changed OR (asn_changed AND device_changed) THEN 'high' ELSE 'medium' END AS Severity,
    'session ' || CASE WHEN starts_with(session_key, 'token:') THEN 'token ' ELSE '' END || 'changed '
        || concat_ws('; ',
            CASE WHEN country_changed THEN printf('country %s to %s', first_country, country_code) END,
            CASE WHEN asn_changed THEN printf('ASN %d to %d', first_asn, autonomous_system_number) END,
            CASE WHEN device_changed THEN printf('device %s/%s to %s/%s',
                coalesce(first_os, '?'), coalesce(first_browser, '?'),
                coalesce(os_family, '?'), coalesce(browser_family, '?')) END
        ) AS Reason,
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
    started_ip AS PriorIPAddress,
    started_country AS PriorCountry,
    started_app AS PriorApp,
    started_at AS PriorSignIn,
    (epoch_us(event_time) - epoch_us(started_at)) / 60000000.0 AS TimeDiffMinutes,
    correlation_id AS CorrelationId,
    coalesce(session_id, unique_token_id) AS SessionId,
    is_interactive AS IsInteractive,
    autonomous_system_number AS AutonomousSystemNumber,
    started_asn AS PriorAutonomousSystemNumber,
    source_file AS SourceFile,
    source_row AS SourceRow,
    started_file AS PriorSourceFile,
    started_row AS PriorSourceRow,
    user_key AS UserKey
FROM compared
WHERE country_changed OR asn_changed OR device_changed
