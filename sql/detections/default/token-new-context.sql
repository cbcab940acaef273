-- id: token-new-context
-- title: Non-interactive token use from a new country or ASN
-- detection-type: TokenNewContext
-- severity: high
-- family: token-context
-- description: A successful non-interactive sign-in (a token used without the user present)
--   from a country, or an ASN, that none of the user's interactive sign-ins within the
--   context window before or after it came from. Users with no interactive sign-in in that
--   window are skipped, because there is no baseline to compare with. Severity is high for a
--   new country, medium for a new ASN in a known country.
-- parameters: $context_window_minutes
-- columns: DetectionType, DetectionId, Severity, Reason, TimeGenerated, EventTime,
--   UserPrincipalName, UserId, IPAddress, Country, City, AppDisplayName, AppId,
--   AuthenticationRequirement, RiskLevelDuringSignIn, CorrelationId, SessionId, IsInteractive,
--   AutonomousSystemNumber, SourceFile, SourceRow, UserKey
WITH timed AS (
    -- Only the columns the output needs, because the window sorts carry every column they read.
    SELECT
        user_key, event_time, file_index, source_row, source_file, ingest_time,
        user_principal_name, user_id, ip_address, country, country_code, city, app_display_name, app_id,
        authentication_requirement, risk_level_during_sign_in, correlation_id, session_id,
        is_interactive, autonomous_system_number,
        epoch_us(event_time) AS at_us,
        CASE WHEN is_interactive THEN epoch_us(event_time) END AS interactive_us
    FROM hunt_rows
),

-- For each sign-in, the nearest interactive sign-in before and after it: of the user, of the
-- user from the same country, and of the user from the same ASN. Window functions find all
-- three in sorted passes, where a join would pair every token use with every sign-in.
neighbours AS (
    SELECT
        *,
        max(interactive_us) OVER (PARTITION BY user_key ORDER BY at_us ROWS UNBOUNDED PRECEDING) AS user_before,
        min(interactive_us) OVER (PARTITION BY user_key ORDER BY at_us ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS user_after,
        max(interactive_us) OVER (PARTITION BY user_key, country_code ORDER BY at_us ROWS UNBOUNDED PRECEDING) AS country_before,
        min(interactive_us) OVER (PARTITION BY user_key, country_code ORDER BY at_us ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS country_after,
        max(interactive_us) OVER (PARTITION BY user_key, autonomous_system_number ORDER BY at_us ROWS UNBOUNDED PRECEDING) AS asn_before,
        min(interactive_us) OVER (PARTITION BY user_key, autonomous_system_number ORDER BY at_us ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS asn_after
    FROM timed
),

judged AS (
    SELECT
        *,
        $context_window_minutes::BIGINT * 60000000 AS window_us,
        coalesce(at_us - user_before <= window_us OR user_after - at_us <= window_us, false) AS has_baseline,
        country_code IS NOT NULL
            AND NOT coalesce(at_us - country_before <= window_us OR country_after - at_us <= window_us, false) AS country_is_new,
        autonomous_system_number IS NOT NULL
            AND NOT coalesce(at_us - asn_before <= window_us OR asn_after - at_us <= window_us, false) AS asn_is_new
    FROM neighbours
    WHERE is_interactive = false
)

SELECT
    'TokenNewContext' AS DetectionType,
    'token-new-context' AS DetectionId,
    CASE WHEN country_is_new THEN 'high' ELSE 'medium' END AS Severity,
    'token used from ' || concat_ws(' and ',
        CASE WHEN country_is_new THEN 'country ' || country_code END,
        CASE WHEN asn_is_new THEN 'ASN ' || autonomous_system_number END
    ) || printf(', not seen in interactive sign-ins within %d h', ($context_window_minutes::BIGINT // 60)) AS Reason,
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
    correlation_id AS CorrelationId,
    session_id AS SessionId,
    is_interactive AS IsInteractive,
    autonomous_system_number AS AutonomousSystemNumber,
    source_file AS SourceFile,
    source_row AS SourceRow,
    user_key AS UserKey
FROM judged
WHERE has_baseline AND (country_is_new OR asn_is_new)
