-- Sign-ins the default detections read. A user is their user id where any row of theirs has
-- one, else their UPN without case, so exports that mix the two still group one person.
-- The derived columns after `user_key` describe the sign-in's context once, for every detection.
CREATE TABLE hunt_rows AS
WITH upn_owner AS (
    -- NOTE: a UPN that two user ids held (an account deleted and re-created) maps to one of them.
    SELECT lower(user_principal_name) AS upn, min(lower(user_id)) AS user_id
    FROM scoped_rows
    WHERE disposition = 'in_scope' AND user_id IS NOT NULL AND user_principal_name IS NOT NULL
    GROUP BY 1
)

SELECT
    scoped_rows.*,
    coalesce(lower(scoped_rows.user_id), upn_owner.user_id, lower(scoped_rows.user_principal_name)) AS user_key,
    upper(scoped_rows.country) AS country_code,
    -- A session id where the export has one; otherwise the token id stands for the session.
    coalesce(
        lower(scoped_rows.session_id),
        'token:' || lower(scoped_rows.unique_token_id)
    ) AS session_key,
    hc_os_family(lower(scoped_rows.device_os), lower(scoped_rows.user_agent)) AS os_family,
    hc_browser_family(lower(scoped_rows.device_browser), lower(scoped_rows.user_agent)) AS browser_family,
    hc_valid_coordinates(scoped_rows.latitude, scoped_rows.longitude) AS has_coordinates,
    -- The sign-in met a requirement with a claim in an existing token instead of a new proof.
    coalesce(
        list_bool_or(list_transform(scoped_rows.authentication_steps, step ->
            coalesce(lower(step.method) = 'previously satisfied' OR hc_says_claim_satisfied(step.result_detail), false)
        )),
        false
    ) OR hc_says_claim_satisfied(scoped_rows.status_additional_details) AS claim_used,
    -- A fresh MFA: multi-factor required, and a step other than the password or a reused
    -- claim succeeded.
    coalesce(
        lower(scoped_rows.authentication_requirement) = 'multifactorauthentication'
        AND list_bool_or(list_transform(scoped_rows.authentication_steps, step ->
            coalesce(
                step.succeeded
                AND lower(coalesce(step.method, '')) NOT IN ('', 'password', 'previously satisfied')
                AND NOT hc_says_claim_satisfied(step.result_detail),
                false
            )
        )),
        false
    ) AS fresh_mfa
FROM scoped_rows
LEFT JOIN upn_owner ON upn_owner.upn = lower(scoped_rows.user_principal_name)
WHERE scoped_rows.disposition = 'in_scope';
