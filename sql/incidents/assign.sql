-- Parameter: $min_severity (its name, for the label).
-- Each active finding names its incident; findings of hidden incidents are suppressed with
-- the threshold that hid them, so that they are counted and never silently dropped.
UPDATE findings
SET IncidentId = incidents.IncidentId,
    SuppressedBy = CASE WHEN incidents.Shown THEN NULL ELSE 'incident below --min-severity ' || $min_severity END
FROM incidents
WHERE findings.UserKey = incidents.UserKey AND findings.SuppressedBy IS NULL;
