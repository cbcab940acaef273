import type { ExportShape } from './ExportShape.js';
import { STAGE_COLUMNS } from './stageColumns.js';

/**
 * Log Analytics tables `SigninLogs` and `AADNonInteractiveUserSignInLogs`, as exported from
 * the Log Analytics UI (CSV), queried through the API or SDKs (JSON), or saved as Parquet.
 * Both tables share their column names; the non-interactive one stores nested columns as text.
 */
export const logAnalyticsShape: ExportShape = {
  id: 'log-analytics',
  title: 'Log Analytics SigninLogs / AADNonInteractiveUserSignInLogs',
  kind: 'sign-ins',
  stageColumns: STAGE_COLUMNS,
  normalizeSql: 'normalize/sign-ins.sql',
  aliases: {
    ingest_time: ['TimeGenerated'],
    created_time: ['CreatedDateTime'],
    record_id: ['Id', 'OriginalRequestId'],
    user_principal_name: ['UserPrincipalName'],
    user_id: ['UserId'],
    ip_address: ['IPAddress'],
    location_code: ['Location'],
    location_details: ['LocationDetails'],
    app_display_name: ['AppDisplayName'],
    app_id: ['AppId'],
    resource_display_name: ['ResourceDisplayName'],
    result_type: ['ResultType'],
    status: ['Status'],
    authentication_requirement: ['AuthenticationRequirement'],
    authentication_details: ['AuthenticationDetails'],
    is_interactive: ['IsInteractive'],
    correlation_id: ['CorrelationId'],
    session_id: ['SessionId'],
    unique_token_id: ['UniqueTokenIdentifier'],
    device_detail: ['DeviceDetail'],
    user_agent: ['UserAgent'],
    autonomous_system_number: ['AutonomousSystemNumber'],
    conditional_access_status: ['ConditionalAccessStatus'],
    risk_level_during_sign_in: ['RiskLevelDuringSignIn'],
    risk_level_aggregated: ['RiskLevelAggregated'],
    token_issuer_type: ['TokenIssuerType'],
    client_app_used: ['ClientAppUsed'],
    table_name: ['Type'],
    category: ['Category'],
  },
  matches(columns) {
    const hasUser = columns.has('userprincipalname') || columns.has('userid');
    return hasUser && columns.has('resulttype');
  },
};
