-- id: claim-from-new-context
-- title: Token claim used where the user never completed MFA
-- detection-type: ClaimFromNewContext
-- severity: high
-- family: token-claim
-- description: A successful sign-in that met a requirement with a claim in an existing token:
--   the method "Previously satisfied", or a result that states the requirement was satisfied
--   by a claim in the token. It is flagged when the user never completed a fresh MFA from its
--   IP address anywhere in the hunted data, nor from its ASN (or the ASN is unknown). Severity is high when the country is new to the user's fresh MFAs too, else medium.
--   Users with no fresh MFA in the data are skipped, because there is nothing to compare
--   with: exports without authentication details carry no evidence of MFA.
-- parameters: none
-- columns: DetectionType, DetectionId, Severity, Reason, TimeGenerated, EventTime,
--   UserPrincipalName, UserId, IPAddress, Country, City, AppDisplayName, AppId,
--   AuthenticationRequirement, IsCookieReuse, RiskLevelDuringSignIn, ConditionalAccessStatus,
--   PriorIPAddress, PriorCountry, PriorSignIn, CorrelationId, SessionId, IsInteractive,
--   AutonomousSystemNumber, PriorAutonomousSystemNumber, SourceFile, SourceRow,
--   PriorSourceFile, PriorSourceRow, UserKey
WITH marked AS (
    -- Only the columns the output needs, because the window sorts carry every column they read.
    SELECT
        user_key, event_time, file_index, source_row, source_file, ingest_time,
        user_principal_name, user_id, ip_address, country, country_code, city, app_display_name, app_id,
        authentication_requirement, risk_level_during_sign_in, correlation_id, session_id,
        is_interactive, autonomous_system_number, conditional_access_status, fresh_mfa, claim_used,
        bool_or(fresh_mfa) OVER (PARTITION BY user_key) AS user_has_mfa,
        bool_or(fresh_mfa) OVER (PARTITION BY user_key, ip_address) AS ip_has_mfa,
        bool_or(fresh_mfa) OVER (PARTITION BY user_key, autonomous_system_number) AS asn_has_mfa,
        bool_or(fresh_mfa) OVER (PARTITION BY user_key, country_code) AS country_has_mfa
    FROM hunt_rows
),

-- The user's fresh MFA nearest before each sign-in, to show where MFA was last proven.
with_last_mfa AS (
    SELECT
        *,
        last_value(CASE WHEN fresh_mfa THEN source_row END IGNORE NULLS) OVER by_time AS mfa_row,
        last_value(CASE WHEN fresh_mfa THEN source_file END IGNORE NULLS) OVER by_time AS mfa_file,
        last_value(CASE WHEN fresh_mfa THEN ip_address END IGNORE NULLS) OVER by_time AS mfa_ip,
        last_value(CASE WHEN fresh_mfa THEN country END IGNORE NULLS) OVER by_time AS mfa_country,
        last_value(CASE WHEN fresh_mfa THEN autonomous_system_number END IGNORE NULLS) OVER by_time AS mfa_asn,
        last_value(CASE WHEN fresh_mfa THEN event_time END IGNORE NULLS) OVER by_time AS mfa_time
    FROM marked
    WHERE user_has_mfa
    WINDOW by_time AS (
        PARTITION BY user_key ORDER BY event_time, file_index, source_row
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    )
),

flagged AS (
    SELECT
        *,
        country_code IS NOT NULL AND NOT country_has_mfa AS country_is_new
    FROM with_last_mfa
    WHERE claim_used
        AND ip_address IS NOT NULL
        AND NOT ip_has_mfa
        AND (autonomous_system_number IS NULL OR NOT asn_has_mfa)
)

SELECT
    'ClaimFromNewContext' AS DetectionType,
    'claim-from-new-context' AS DetectionId,
    CASE WHEN country_is_new THEN 'high' ELSE 'medium' END AS Severity,
    'token claim from ' || concat_ws(', ',
        'IP ' || ip_address,
        CASE WHEN autonomous_system_number IS NOT NULL THEN 'ASN ' || autonomous_system_number END,
        CASE WHEN country_is_new THEN 'country ' || country_code END
    ) || ' with no fresh MFA there' AS Reason,
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
    true AS IsCookieReuse,
    risk_level_during_sign_in AS RiskLevelDuringSignIn,
    conditional_access_status AS ConditionalAccessStatus,
    mfa_ip AS PriorIPAddress,
    mfa_country AS PriorCountry,
    mfa_time AS PriorSignIn,
    correlation_id AS CorrelationId,
    session_id AS SessionId,
    is_interactive AS IsInteractive,
    autonomous_system_number AS AutonomousSystemNumber,
    mfa_asn AS PriorAutonomousSystemNumber,
    source_file AS SourceFile,
    source_row AS SourceRow,
    mfa_file AS PriorSourceFile,
    mfa_row AS PriorSourceRow,
    user_key AS UserKey
FROM flagged
