-- Successful single-factor sign-ins to the rule's apps that carry no evidence either way:
-- AuthenticationDetails is missing or empty and Status.additionalDetails is empty. The
-- cookie-reuse detection cannot clear or flag them, so the run reports how many there are.
SELECT count(*) AS sign_ins
FROM hunt_rows
WHERE lower(authentication_requirement) = 'singlefactorauthentication'
    AND kql_has_any(app_display_name, [
        'Microsoft 365', 'Office 365', 'Azure Portal', 'Microsoft Teams',
        'SharePoint', 'OneDrive', 'Exchange Online', 'Outlook'
    ])
    AND len(coalesce(authentication_steps, [])) = 0
    AND status_additional_details IS NULL
