-- Gives each sign-in of an Entra admin center download the authentication steps that its
-- companion file lists under the same Request ID, in file and row order.
UPDATE loaded_rows
SET authentication_steps = attached.steps
FROM (
    SELECT lower(request_id) AS request_id, list(step ORDER BY file_index, source_row) AS steps
    FROM loaded_auth_steps
    WHERE reject_reason IS NULL
    GROUP BY lower(request_id)
) AS attached
WHERE lower(loaded_rows.record_id) = attached.request_id
    AND loaded_rows.authentication_steps IS NULL
