-- Links each active finding to its incident. Findings of incidents below --min-severity are
-- marked with that threshold, so that they are counted and never silently dropped.
-- Parameter: $min_severity (its name, for the label).
UPDATE findings
SET IncidentId = incidents.IncidentId,
    SuppressedBy = CASE WHEN incidents.Shown THEN NULL ELSE 'incident below --min-severity ' || $min_severity END
FROM incidents
WHERE findings.UserKey = incidents.UserKey AND findings.SuppressedBy IS NULL;
