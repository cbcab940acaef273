-- Findings of every detection in one table. Column names follow the Sentinel rule's output
-- where the meaning is the same; the rest trace each finding back to its evidence.
CREATE TABLE findings (
    DetectionType               VARCHAR NOT NULL,  -- ImpossibleTravel or MFABypassCookieReuse
    DetectionId                 VARCHAR NOT NULL,  -- id in the header of the detection's SQL file
    TimeGenerated               TIMESTAMPTZ,       -- --kql-compat: the rule's time; default: ingestion time
    EventTime                   TIMESTAMPTZ,       -- CreatedDateTime of the sign-in
    UserPrincipalName           VARCHAR,
    UserId                      VARCHAR,
    IPAddress                   VARCHAR,
    Country                     VARCHAR,
    City                        VARCHAR,
    AppDisplayName              VARCHAR,
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
    CorrelationId               VARCHAR,
    SessionId                   VARCHAR,
    IsInteractive               BOOLEAN,
    AutonomousSystemNumber      BIGINT,
    SourceFile                  VARCHAR NOT NULL,
    SourceRow                   BIGINT NOT NULL,
    PriorSourceFile             VARCHAR,
    PriorSourceRow              BIGINT
);
