-- Every IP address a finding names, on either sign-in of a pair, for matching against the
-- allow-listed ranges.
SELECT DISTINCT ip
FROM (
    SELECT IPAddress AS ip FROM findings
    UNION ALL
    SELECT PriorIPAddress FROM findings
)
WHERE ip IS NOT NULL
