-- Authentication steps of an Entra admin center download (`*_AuthDetails_*.csv`), one row per
-- step, typed into `loaded_auth_steps`. They are attached to their sign-ins after every file
-- is loaded (sql/load/attach-auth-steps.sql). Parameters: $file_index, $source_file, $date_order.
SELECT
    $file_index AS file_index,
    $source_file AS source_file,
    source_row,
    nullif(trim(record_id), '') AS request_id,
    {
        'step_time': hc_parse_time(created_time, $date_order),
        'method': nullif(trim(method), ''),
        'method_detail': nullif(trim(method_detail), ''),
        'succeeded': hc_parse_flag(succeeded),
        'result_detail': nullif(trim(result_detail), ''),
        'requirement': nullif(trim(requirement), '')
    } AS step,
    CASE WHEN nullif(trim(record_id), '') IS NULL THEN 'no Request ID value' END AS reject_reason
FROM stage
