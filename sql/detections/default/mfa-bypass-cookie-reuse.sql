-- id: mfa-bypass-cookie-reuse
-- title: MFA bypass through a reused session
-- detection-type: MFABypassCookieReuse
-- severity: low
-- family: token-claim
-- description: The Sentinel rule's second step, kept for comparison and rated low, because
--   persistent browser sessions make such sign-ins common for legitimate users. A successful single-factor sign-in (any casing) to an app whose name has one
--   of the rule's eight app names. It counts when any authentication step used the method
--   "Previously satisfied", when a step result or Status.additionalDetails states that a
--   requirement was satisfied by a claim in the token, or when a step result has "Previously
--   satisfied" or "Token broker".
-- parameters: none
-- columns: DetectionType, DetectionId, Severity, Reason, TimeGenerated, EventTime,
--   UserPrincipalName, UserId, IPAddress, Country, City, AppDisplayName, AppId,
--   AuthenticationRequirement, IsCookieReuse, AuthStepResult, RiskLevelDuringSignIn,
--   ConditionalAccessStatus, CorrelationId, SessionId, IsInteractive, AutonomousSystemNumber,
--   SourceFile, SourceRow, UserKey
WITH candidates AS (
    SELECT
        *,
        list_filter(coalesce(authentication_steps, []), step ->
            lower(step.method) = 'previously satisfied'
            OR hc_says_claim_satisfied(step.result_detail)
            OR kql_has_any(step.result_detail, ['Previously satisfied', 'Token broker'])
        ) AS reuse_steps
    FROM hunt_rows
    WHERE lower(authentication_requirement) = 'singlefactorauthentication'
        AND kql_has_any(app_display_name, [
            'Microsoft 365', 'Office 365', 'Azure Portal', 'Microsoft Teams',
            'SharePoint', 'OneDrive', 'Exchange Online', 'Outlook'
        ])
)

SELECT
    'MFABypassCookieReuse' AS DetectionType,
    'mfa-bypass-cookie-reuse' AS DetectionId,
    'low' AS Severity,
    'single-factor sign-in met by an existing session' AS Reason,
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
    -- The first matching step's own words, else the status text that carried the claim.
    coalesce(reuse_steps[1].result_detail, reuse_steps[1].method, status_additional_details) AS AuthStepResult,
    risk_level_during_sign_in AS RiskLevelDuringSignIn,
    conditional_access_status AS ConditionalAccessStatus,
    correlation_id AS CorrelationId,
    session_id AS SessionId,
    is_interactive AS IsInteractive,
    autonomous_system_number AS AutonomousSystemNumber,
    source_file AS SourceFile,
    source_row AS SourceRow,
    user_key AS UserKey
FROM candidates
WHERE len(reuse_steps) > 0 OR hc_says_claim_satisfied(status_additional_details)
