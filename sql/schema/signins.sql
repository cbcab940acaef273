-- Every row read from every input file, typed, with the reason it was rejected if it was.
-- `signins` below is the canonical sign-in relation that scoping and detections read.
CREATE TABLE loaded_rows (
    file_index                  INTEGER NOT NULL,  -- position of the file in the run, from 0
    source_file                 VARCHAR NOT NULL,  -- path as discovered on the command line
    source_row                  BIGINT NOT NULL,   -- 1-based record number within the file
    shape                       VARCHAR NOT NULL,  -- export layout id, such as log-analytics
    source_table                VARCHAR,           -- SigninLogs, AADNonInteractiveUserSignInLogs, or a service principal table
    record_id                   VARCHAR,           -- Id (request id) of the sign-in
    record_key                  VARCHAR NOT NULL,  -- record_id, else a hash of the row: copies share it
    event_time                  TIMESTAMPTZ,       -- CreatedDateTime, else TimeGenerated
    event_time_source           VARCHAR,           -- which of the two event_time came from
    event_time_text             VARCHAR,           -- the time value as the export wrote it
    event_time_zoneless         BOOLEAN,           -- true when that text had no zone and was taken as UTC
    ingest_time                 TIMESTAMPTZ,       -- TimeGenerated: Log Analytics ingestion time
    user_principal_name         VARCHAR,
    user_id                     VARCHAR,
    ip_address                  VARCHAR,
    country                     VARCHAR,           -- two-letter code; NULL when unknown
    country_source              VARCHAR,           -- LocationDetails, Location, or LocationText ("City, State, CC")
    city                        VARCHAR,
    state                       VARCHAR,
    latitude                    DOUBLE,            -- as exported; may be out of range
    longitude                   DOUBLE,
    app_display_name            VARCHAR,
    app_id                      VARCHAR,
    resource_display_name       VARCHAR,
    result_code                 INTEGER,           -- ResultType or Status.errorCode; 0 is success
    authentication_requirement  VARCHAR,
    authentication_steps        STRUCT(
                                    step_time TIMESTAMPTZ,
                                    method VARCHAR,
                                    method_detail VARCHAR,
                                    succeeded BOOLEAN,
                                    result_detail VARCHAR,
                                    requirement VARCHAR
                                )[],               -- NULL when the export had no readable details
    status_additional_details   VARCHAR,
    is_interactive              BOOLEAN,
    correlation_id              VARCHAR,
    session_id                  VARCHAR,
    unique_token_id             VARCHAR,
    device_os                   VARCHAR,
    device_browser              VARCHAR,
    user_agent                  VARCHAR,
    autonomous_system_number    BIGINT,
    conditional_access_status   VARCHAR,
    risk_level_during_sign_in   VARCHAR,
    risk_level_aggregated       VARCHAR,
    token_issuer_type           VARCHAR,
    client_app_used             VARCHAR,
    reject_reason               VARCHAR            -- NULL for a usable row
);

CREATE VIEW signins AS
SELECT * EXCLUDE (reject_reason)
FROM loaded_rows
WHERE reject_reason IS NULL;

-- Authentication steps read from Entra admin center `*_AuthDetails_*.csv` files, before they
-- are attached to their sign-ins by Request ID.
CREATE TABLE loaded_auth_steps (
    file_index      INTEGER NOT NULL,
    source_file     VARCHAR NOT NULL,
    source_row      BIGINT NOT NULL,
    request_id      VARCHAR,
    step            STRUCT(
                        step_time TIMESTAMPTZ,
                        method VARCHAR,
                        method_detail VARCHAR,
                        succeeded BOOLEAN,
                        result_detail VARCHAR,
                        requirement VARCHAR
                    ),
    reject_reason   VARCHAR
);

-- Lines of CSV inputs that could not be parsed into a record at all, such as a line with too
-- many fields. They are rejected with their line number instead of a record number.
CREATE TABLE rejected_lines (
    file_index      INTEGER NOT NULL,
    source_file     VARCHAR NOT NULL,
    line            BIGINT NOT NULL,
    reason          VARCHAR NOT NULL
);

-- Every input file of the run with its SHA-256, so that each finding can name the exact
-- evidence it came from.
CREATE TABLE input_files (
    file_index      INTEGER NOT NULL,
    path            VARCHAR NOT NULL,
    size            BIGINT NOT NULL,
    sha256          VARCHAR NOT NULL
);

-- The line on which each record that a finding names starts, for text inputs.
CREATE TABLE record_lines (
    source_file     VARCHAR NOT NULL,
    source_row      BIGINT NOT NULL,
    line            BIGINT NOT NULL
);
