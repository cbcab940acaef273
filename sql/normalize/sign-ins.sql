-- Sign-in records read from the `stage` relation (all VARCHAR), typed into the columns of
-- `loaded_rows`. Every layout maps its own column names onto the stage columns (see
-- src/shapes/), so this one query serves them all.
-- Parameters: $file_index, $source_file, $shape, $date_order ('mdy' or 'dmy'), and
-- $interactive_hint ('true', 'false' or '', from the file name of Entra admin center downloads),
-- $header_says_utc (true when the time column headers end in ` [UTC]`).
WITH parsed AS (
    SELECT
        stage.*,
        hc_parse_time(created_time, $date_order) AS created_ts,
        hc_parse_time(ingest_time, $date_order) AS ingest_ts,
        hc_json_fields(location_details, [
            '$.countryOrRegion', '$.city', '$.state',
            '$.geoCoordinates.latitude', '$.geoCoordinates.longitude'
        ]) AS location_fields,
        -- The admin center CSV writes the location as "City, State, CC".
        string_split(location_text, ',') AS location_parts,
        hc_json_fields(status, ['$.errorCode', '$.additionalDetails']) AS status_fields,
        hc_json_fields(device_detail, ['$.operatingSystem', '$.browser']) AS device_fields,
        hc_auth_steps(authentication_details) AS steps,
        nullif(trim(coalesce(
            result_type,
            status_fields[1],
            CASE WHEN lower(trim(status_text)) = 'success' THEN '0' END
        )), '') AS result_text
    FROM stage
),

located AS (
    SELECT
        parsed.*,
        nullif(trim(location_fields[1]), '') AS details_country,
        nullif(trim(location_code), '') AS column_country,
        CASE
            WHEN regexp_matches(trim(location_parts[-1]), '^[A-Za-z]{2}$') THEN trim(location_parts[-1])
        END AS text_country,
        CASE
            WHEN table_name ILIKE 'AADNonInteractiveUserSignInLogs'
                OR category ILIKE 'NonInteractiveUserSignInLogs' THEN 'AADNonInteractiveUserSignInLogs'
            WHEN table_name ILIKE 'SigninLogs' OR category ILIKE 'SignInLogs' THEN 'SigninLogs'
            WHEN category ILIKE '%ServicePrincipal%' OR event_types ILIKE '%servicePrincipal%'
                THEN 'ServicePrincipalSignInLogs'
            WHEN category ILIKE '%ManagedIdentity%' OR event_types ILIKE '%managedIdentity%'
                THEN 'ManagedIdentitySignInLogs'
            WHEN event_types ILIKE '%nonInteractiveUser%' AND event_types NOT ILIKE '%"interactiveUser"%'
                THEN 'AADNonInteractiveUserSignInLogs'
        END AS table_from_row,
        CASE WHEN nullif(trim(created_time), '') IS NOT NULL THEN created_time ELSE ingest_time END AS event_time_text
    FROM parsed
),

typed AS (
    SELECT
        located.*,
        table_from_row IN ('ServicePrincipalSignInLogs', 'ManagedIdentitySignInLogs') AS not_user_sign_in
    FROM located
)

SELECT
    $file_index AS file_index,
    $source_file AS source_file,
    source_row,
    $shape AS shape,
    table_from_row AS source_table,
    nullif(trim(record_id), '') AS record_id,
    -- Without a request id, a copy of a row is recognised by all of its stage values.
    -- Request ids are GUIDs, which exports write in either case.
    coalesce(
        lower(nullif(trim(record_id), '')),
        'row:' || md5(concat_ws(chr(31),
            created_time, ingest_time, user_principal_name, user_id, ip_address, location_code,
            location_details, app_display_name, app_id, resource_display_name, result_type, status,
            authentication_requirement, authentication_details, is_interactive, correlation_id,
            session_id, unique_token_id, device_detail, user_agent, autonomous_system_number,
            conditional_access_status, risk_level_during_sign_in, risk_level_aggregated,
            token_issuer_type, client_app_used, table_name, category, event_types, status_text,
            location_text, additional_details, device_os_text, device_browser_text))
    ) AS record_key,
    coalesce(created_ts, ingest_ts) AS event_time,
    CASE
        WHEN created_ts IS NOT NULL THEN 'CreatedDateTime'
        WHEN ingest_ts IS NOT NULL THEN 'TimeGenerated'
    END AS event_time_source,
    nullif(trim(event_time_text), '') AS event_time_text,
    -- A Log Analytics CSV header such as `CreatedDateTime [UTC]` states the zone for its values.
    hc_time_is_zoneless(event_time_text) AND NOT $header_says_utc AS event_time_zoneless,
    ingest_ts AS ingest_time,
    nullif(trim(user_principal_name), '') AS user_principal_name,
    nullif(trim(user_id), '') AS user_id,
    nullif(trim(ip_address), '') AS ip_address,
    coalesce(details_country, column_country, text_country) AS country,
    CASE
        WHEN details_country IS NOT NULL THEN 'LocationDetails'
        WHEN column_country IS NOT NULL THEN 'Location'
        WHEN text_country IS NOT NULL THEN 'LocationText'
    END AS country_source,
    coalesce(
        nullif(trim(location_fields[2]), ''),
        CASE WHEN len(location_parts) = 3 THEN nullif(trim(location_parts[1]), '') END
    ) AS city,
    coalesce(
        nullif(trim(location_fields[3]), ''),
        CASE WHEN len(location_parts) = 3 THEN nullif(trim(location_parts[2]), '') END
    ) AS state,
    try_cast(location_fields[4] AS DOUBLE) AS latitude,
    try_cast(location_fields[5] AS DOUBLE) AS longitude,
    nullif(trim(app_display_name), '') AS app_display_name,
    nullif(trim(app_id), '') AS app_id,
    nullif(trim(resource_display_name), '') AS resource_display_name,
    try_cast(result_text AS INTEGER) AS result_code,
    -- The admin center writes display text such as "Single-factor authentication".
    CASE
        WHEN regexp_matches(lower(trim(authentication_requirement)), '^single[- ]factor') THEN 'singleFactorAuthentication'
        WHEN regexp_matches(lower(trim(authentication_requirement)), '^multi[- ]?factor ') THEN 'multiFactorAuthentication'
        ELSE nullif(trim(authentication_requirement), '')
    END AS authentication_requirement,
    steps AS authentication_steps,
    coalesce(nullif(trim(status_fields[2]), ''), nullif(trim(additional_details), '')) AS status_additional_details,
    coalesce(
        hc_parse_flag(is_interactive),
        hc_parse_flag($interactive_hint),
        CASE WHEN table_from_row = 'AADNonInteractiveUserSignInLogs' THEN false END
    ) AS is_interactive,
    nullif(trim(correlation_id), '') AS correlation_id,
    nullif(trim(session_id), '') AS session_id,
    -- Some exporters prefix a quote to values that start with - or +, against spreadsheet formulas.
    nullif(regexp_replace(trim(unique_token_id), '^''', ''), '') AS unique_token_id,
    coalesce(nullif(trim(device_fields[1]), ''), nullif(trim(device_os_text), '')) AS device_os,
    coalesce(nullif(trim(device_fields[2]), ''), nullif(trim(device_browser_text), '')) AS device_browser,
    nullif(user_agent, '') AS user_agent,
    try_cast(trim(autonomous_system_number) AS BIGINT) AS autonomous_system_number,
    -- The admin center writes display text ("Not Applied"); the API value is "notApplied".
    CASE lower(regexp_replace(trim(conditional_access_status), '\s+', '', 'g'))
        WHEN 'notapplied' THEN 'notApplied'
        WHEN 'success' THEN 'success'
        WHEN 'failure' THEN 'failure'
        ELSE nullif(trim(conditional_access_status), '')
    END AS conditional_access_status,
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
        WHEN NOT not_user_sign_in AND nullif(trim(user_principal_name), '') IS NULL AND nullif(trim(user_id), '') IS NULL
            THEN 'no UserPrincipalName or UserId value'
        WHEN result_text IS NULL THEN 'no ResultType value'
        WHEN try_cast(result_text AS INTEGER) IS NULL
            THEN 'invalid ResultType value ' || hc_quote_value(result_text)
    END AS reject_reason
FROM typed
