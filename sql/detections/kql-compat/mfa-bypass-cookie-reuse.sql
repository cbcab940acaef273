-- id: kql-mfa-bypass-cookie-reuse
-- title: MFA bypass through a reused session, as the Sentinel rule computes it
-- detection-type: MFABypassCookieReuse
-- severity: high
-- family: rule
-- description: Successful SigninLogs sign-ins with AuthenticationRequirement exactly
--   "singleFactorAuthentication" whose first AuthenticationDetails step result has
--   "Previously satisfied" or "Token broker" (KQL has_any), to an app whose name has one of
--   the rule's eight app names. Reads kql_signins.
-- parameters: none
-- columns: DetectionType, DetectionId, TimeGenerated, EventTime, UserPrincipalName, UserId,
--   IPAddress, Country, City, AppDisplayName, AuthenticationRequirement, IsCookieReuse,
--   AuthStepResult, RiskLevelDuringSignIn, ConditionalAccessStatus, CorrelationId, SessionId,
--   IsInteractive, AutonomousSystemNumber, SourceFile, SourceRow
SELECT
    'MFABypassCookieReuse' AS DetectionType,
    'kql-mfa-bypass-cookie-reuse' AS DetectionId,
    kql_time AS TimeGenerated,
    event_time AS EventTime,
    kql_user AS UserPrincipalName,
    user_id AS UserId,
    ip_address AS IPAddress,
    kql_country AS Country,
    city AS City,
    app_display_name AS AppDisplayName,
    authentication_requirement AS AuthenticationRequirement,
    is_cookie_reuse AS IsCookieReuse,
    auth_step_result AS AuthStepResult,
    risk_level_during_sign_in AS RiskLevelDuringSignIn,
    conditional_access_status AS ConditionalAccessStatus,
    correlation_id AS CorrelationId,
    session_id AS SessionId,
    is_interactive AS IsInteractive,
    autonomous_system_number AS AutonomousSystemNumber,
    source_file AS SourceFile,
    source_row AS SourceRow
FROM kql_signins
WHERE authentication_requirement = 'singleFactorAuthentication'
    AND is_cookie_reuse
    AND kql_has_any(app_display_name, [
        'Microsoft 365', 'Office 365', 'Azure Portal', 'Microsoft Teams',
        'SharePoint', 'OneDrive', 'Exchange Online', 'Outlook'
    ])
