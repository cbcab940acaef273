-- Marks each finding that an allow-list entry covers with that entry's label. A pair finding
-- (travel, velocity, session replay) is covered when either of its two sign-ins is, because a
-- VPN exit or an office network may be on either side. Users match by UPN or user id, apps
-- by the flagged sign-in's display name or app id, without case. Earlier kinds win: user,
-- app, IP, ASN, country.
UPDATE findings
SET SuppressedBy = coalesce(
    (SELECT min(label) FROM allow_list
        WHERE kind = 'user' AND value IN (lower(findings.UserPrincipalName), lower(findings.UserId))),
    (SELECT min(label) FROM allow_list
        WHERE kind = 'app' AND value IN (lower(findings.AppDisplayName), lower(findings.AppId))),
    (SELECT min(label) FROM allowed_ips
        WHERE ip IN (findings.IPAddress, findings.PriorIPAddress)),
    (SELECT min(label) FROM allow_list
        WHERE kind = 'asn' AND value IN (CAST(findings.AutonomousSystemNumber AS VARCHAR), CAST(findings.PriorAutonomousSystemNumber AS VARCHAR))),
    (SELECT min(label) FROM allow_list
        WHERE kind = 'country' AND value IN (upper(findings.Country), upper(findings.PriorCountry)))
)
WHERE SuppressedBy IS NULL;
