-- The rule's `Signins` step: its derived columns, with KQL's empty string for missing text.
CREATE VIEW kql_signins AS
SELECT
    *,
    coalesce(ingest_time, event_time) AS kql_time,
    coalesce(user_principal_name, '') AS kql_user,
    CASE WHEN country_source = 'LocationDetails' THEN country ELSE '' END AS kql_country,
    coalesce(correlation_id, '') AS kql_correlation_id,
    coalesce(authentication_steps[1].method, '') AS auth_method,
    coalesce(authentication_steps[1].result_detail, '') AS auth_step_result,
    kql_has_any(authentication_steps[1].result_detail, ['Previously satisfied', 'Token broker']) AS is_cookie_reuse
FROM scoped_rows
WHERE disposition = 'in_scope';
