-- Sign-ins the default detections read. A user is their user id where any row of theirs has
-- one, else their UPN without case, so exports that mix the two still group one person.
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
    coalesce(lower(scoped_rows.user_id), upn_owner.user_id, lower(scoped_rows.user_principal_name)) AS user_key
FROM scoped_rows
LEFT JOIN upn_owner ON upn_owner.upn = lower(scoped_rows.user_principal_name)
WHERE scoped_rows.disposition = 'in_scope';
