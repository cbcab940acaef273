-- Groups the active findings of each user into one incident. Its severity is the highest of
-- its findings, raised one step (up to critical) when findings of two independent families
-- (location, session, token-claim, token-context), each medium or above, name the same
-- sign-in. Incidents are numbered most severe first, then by their first finding.
-- Parameter: $min_rank (1 low .. 4 critical): incidents below it are hidden.
CREATE TABLE incidents AS
WITH active AS (
    SELECT findings.*, detection_catalog.family, detection_catalog.title, hc_severity_rank(findings.Severity) AS severity_rank
    FROM findings
    JOIN detection_catalog ON detection_catalog.id = findings.DetectionId
    WHERE findings.SuppressedBy IS NULL AND findings.UserKey IS NOT NULL
),

corroborated AS (
    SELECT UserKey, count(*) AS sign_ins
    FROM (
        SELECT UserKey, SourceFile, SourceRow
        FROM active
        WHERE severity_rank >= 2
        GROUP BY ALL
        HAVING count(DISTINCT family) >= 2
    )
    GROUP BY UserKey
),

per_detection AS (
    SELECT
        UserKey,
        DetectionType,
        any_value(title) AS title,
        count(*) AS findings,
        max(severity_rank) AS severity_rank,
        -- The reason of the finding with the maximum severity; among equals, the one with the
        -- maximum speed, then the latest.
        arg_max(Reason, [severity_rank, coalesce(SpeedKmh, 0), epoch_us(EventTime)]) AS example
    FROM active
    GROUP BY ALL
),

grouped AS (
    SELECT
        UserKey,
        any_value(UserPrincipalName ORDER BY EventTime) AS UserPrincipalName,
        any_value(UserId ORDER BY EventTime) FILTER (WHERE UserId IS NOT NULL) AS UserId,
        min(least(EventTime, coalesce(PriorSignIn, EventTime))) AS FirstSeen,
        max(EventTime) AS LastSeen,
        max(severity_rank) AS top_rank,
        count(*) AS Findings,
        list_sort(list_distinct(flatten(list([upper(Country), upper(PriorCountry)])))) AS Countries,
        list_sort(list_distinct(flatten(list([IPAddress, PriorIPAddress])))) AS IPAddresses,
        list_sort(list_distinct(flatten(list([AutonomousSystemNumber, PriorAutonomousSystemNumber])))) AS ASNs,
        list_sort(list_distinct(list(SessionId))) AS Sessions
    FROM active
    GROUP BY UserKey
),

rated AS (
    SELECT
        grouped.*,
        coalesce(corroborated.sign_ins, 0) AS CorroboratedSignIns,
        least(top_rank + CASE WHEN corroborated.sign_ins > 0 THEN 1 ELSE 0 END, 4) AS rank,
        (
            SELECT list({
                'detectionType': DetectionType, 'title': title, 'findings': findings,
                'severity': hc_severity_name(severity_rank), 'example': example
            } ORDER BY severity_rank DESC, findings DESC, DetectionType)
            FROM per_detection
            WHERE per_detection.UserKey = grouped.UserKey
        ) AS Detections
    FROM grouped
    LEFT JOIN corroborated USING (UserKey)
)

SELECT
    printf('INC-%03d', row_number() OVER (ORDER BY rank DESC, FirstSeen, UserKey)) AS IncidentId,
    hc_severity_name(rank) AS Severity,
    rank > top_rank AS SeverityRaised,
    rank >= $min_rank::INTEGER AS Shown,
    * EXCLUDE (rank, top_rank)
FROM rated;
