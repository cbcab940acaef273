-- Log Analytics SigninLogs and AADNonInteractiveUserSignInLogs rows, read from the `stage`
-- relation (all VARCHAR), typed into the columns of `loaded_rows`.
-- Parameters: $file_index, $source_file, $shape.
WITH parsed AS (
    SELECT
        stage.*,
        hc_parse_time(created_time) AS created_ts,
        hc_parse_time(ingest_time) AS ingest_ts,
        hc_json_fields(location_details, [
            '$.countryOrRegion', '$.city', '$.state',
            '$.geoCoordinates.latitude', '$.geoCoordinates.longitude'
        ]) AS location_fields,
        hc_json_fields(status, ['$.errorCode', '$.additionalDetails']) AS status_fields,
        hc_json_fields(device_detail, ['$.operatingSystem', '$.browser']) AS device_fields,
        hc_auth_steps(authentication_details) AS steps,
        nullif(trim(coalesce(result_type, status_fields[1])), '') AS result_text
    FROM stage
),

located AS (
    SELECT
        parsed.*,
        nullif(trim(location_fields[1]), '') AS details_country,
        nullif(trim(location_code), '') AS column_country,
        CASE
            WHEN table_name ILIKE 'AADNonInteractiveUserSignInLogs'
                OR category ILIKE 'NonInteractiveUserSignInLogs' THEN 'AADNonInteractiveUserSignInLogs'
            WHEN table_name ILIKE 'SigninLogs' OR category ILIKE 'SignInLogs' THEN 'SigninLogs'
        END AS table_from_row
    FROM parsed
)

SELECT
    $file_index AS file_index,
    $source_file AS source_file,
    source_row,
    $shape AS shape,
    table_from_row AS source_table,
    nullif(trim(record_id), '') AS record_id,
    coalesce(created_ts, ingest_ts) AS event_time,
    CASE
        WHEN created_ts IS NOT NULL THEN 'CreatedDateTime'
        WHEN ingest_ts IS NOT NULL THEN 'TimeGenerated'
    END AS event_time_source,
    ingest_ts AS ingest_time,
    nullif(trim(user_principal_name), '') AS user_principal_name,
    nullif(trim(user_id), '') AS user_id,
    nullif(trim(ip_address), '') AS ip_address,
    coalesce(details_country, column_country) AS country,
    CASE
        WHEN details_country IS NOT NULL THEN 'LocationDetails'
        WHEN column_country IS NOT NULL THEN 'Location'
    END AS country_source,
    nullif(trim(location_fields[2]), '') AS city,
    nullif(trim(location_fields[3]), '') AS state,
    try_cast(location_fields[4] AS DOUBLE) AS latitude,
    try_cast(location_fields[5] AS DOUBLE) AS longitude,
    nullif(trim(app_display_name), '') AS app_display_name,
    nullif(trim(app_id), '') AS app_id,
    nullif(trim(resource_display_name), '') AS resource_display_name,
    try_cast(result_text AS INTEGER) AS result_code,
    nullif(trim(authentication_requirement), '') AS authentication_requirement,
    steps AS authentication_steps,
    nullif(trim(status_fields[2]), '') AS status_additional_details,
    coalesce(
        hc_parse_flag(is_interactive),
        CASE WHEN table_from_row = 'AADNonInteractiveUserSignInLogs' THEN false END
    ) AS is_interactive,
    nullif(trim(correlation_id), '') AS correlation_id,
    nullif(trim(session_id), '') AS session_id,
    nullif(trim(unique_token_id), '') AS unique_token_id,
    nullif(trim(device_fields[1]), '') AS device_os,
    nullif(trim(device_fields[2]), '') AS device_browser,
    nullif(user_agent, '') AS user_agent,
    try_cast(trim(autonomous_system_number) AS BIGINT) AS autonomous_system_number,
    nullif(trim(conditional_access_status), '') AS conditional_access_status,
    nullif(trim(risk_level_during_sign_in), '') AS risk_level_during_sign_in,
    nullif(trim(risk_level_aggregated), '') AS risk_level_aggregated,
    nullif(trim(token_issuer_type), '') AS token_issuer_type,
    nullif(trim(client_app_used), '') AS client_app_used,
    CASE
        WHEN malformed THEN 'malformed JSON record'
        WHEN nullif(trim(created_time), '') IS NULL AND nullif(trim(ingest_time), '') IS NULL
            THEN 'no CreatedDateTime or TimeGenerated value'
        WHEN nullif(trim(created_time), '') IS NOT NULL AND created_ts IS NULL
            THEN 'invalid CreatedDateTime value ' || hc_quote_value(created_time)
        WHEN nullif(trim(ingest_time), '') IS NOT NULL AND ingest_ts IS NULL
            THEN 'invalid TimeGenerated value ' || hc_quote_value(ingest_time)
        WHEN nullif(trim(user_principal_name), '') IS NULL AND nullif(trim(user_id), '') IS NULL
            THEN 'no UserPrincipalName or UserId value'
        WHEN result_text IS NULL THEN 'no ResultType value'
        WHEN try_cast(result_text AS INTEGER) IS NULL
            THEN 'invalid ResultType value ' || hc_quote_value(result_text)
    END AS reject_reason
FROM located
