-- Findings of every detection in one table. Column names follow the Sentinel rule's output
-- where the meaning is the same; the rest trace each finding back to its evidence.
CREATE TABLE findings (
    DetectionType               VARCHAR NOT NULL,  -- such as ImpossibleTravel or SessionReplay
    DetectionId                 VARCHAR NOT NULL,  -- id in the header of the detection's SQL file
    Severity                    VARCHAR,           -- low, medium, high; the header's when the SQL sets none
    Reason                      VARCHAR,           -- what the detection saw, in a few words
    TimeGenerated               TIMESTAMPTZ,       -- --kql-compat: the rule's time; default: ingestion time
    EventTime                   TIMESTAMPTZ,       -- CreatedDateTime of the sign-in
    UserPrincipalName           VARCHAR,
    UserId                      VARCHAR,
    IPAddress                   VARCHAR,
    Country                     VARCHAR,
    City                        VARCHAR,
    AppDisplayName              VARCHAR,
    AppId                       VARCHAR,
    AuthenticationRequirement   VARCHAR,
    IsCookieReuse               BOOLEAN,
    AuthStepResult              VARCHAR,
    RiskLevelDuringSignIn       VARCHAR,
    ConditionalAccessStatus     VARCHAR,
    PriorIPAddress              VARCHAR,
    PriorCountry                VARCHAR,
    PriorApp                    VARCHAR,
    PriorSignIn                 TIMESTAMPTZ,
    TimeDiffMinutes             DOUBLE,
    DistanceKm                  DOUBLE,            -- great-circle distance between the two sign-ins
    SpeedKmh                    DOUBLE,            -- speed that distance needs; NULL for no time between them
    CorrelationId               VARCHAR,
    SessionId                   VARCHAR,
    IsInteractive               BOOLEAN,
    AutonomousSystemNumber      BIGINT,
    PriorAutonomousSystemNumber BIGINT,
    SourceFile                  VARCHAR NOT NULL,
    SourceRow                   BIGINT NOT NULL,
    PriorSourceFile             VARCHAR,
    PriorSourceRow              BIGINT,
    UserKey                     VARCHAR,           -- default mode: the user's grouping key (internal)
    SuppressedBy                VARCHAR,           -- the allow-list entry or threshold that hid the finding
    IncidentId                  VARCHAR            -- default mode: the incident the finding belongs to
);

-- The detections of the run, with the family of evidence each reads. Findings of two
-- families on one sign-in are independent evidence and raise the incident's severity.
CREATE TABLE detection_catalog (
    id          VARCHAR PRIMARY KEY,
    title       VARCHAR NOT NULL,
    family      VARCHAR NOT NULL,
    severity    VARCHAR NOT NULL
);
