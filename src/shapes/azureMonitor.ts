import type { ExportShape } from './ExportShape.js';
import { STAGE_COLUMNS } from './stageColumns.js';

/**
 * Azure Monitor diagnostic-settings records (Event Hub messages, storage account `PT1H.json`
 * blobs), as `{"records": [...]}` or one record per line. The sign-in is a Graph-like payload
 * under `properties`; the envelope adds `time`, `category`, `resultType` and a top-level
 * `location` country code.
 */
export const azureMonitorShape: ExportShape = {
  id: 'azure-monitor',
  title: 'Azure Monitor diagnostic records (records envelope or NDJSON)',
  kind: 'sign-ins',
  stageColumns: STAGE_COLUMNS,
  normalizeSql: 'normalize/sign-ins.sql',
  aliases: {
    created_time: ['properties.createdDateTime', 'time'],
    record_id: ['properties.id', 'properties.originalRequestId'],
    user_principal_name: ['properties.userPrincipalName'],
    user_id: ['properties.userId'],
    ip_address: ['properties.ipAddress', 'callerIpAddress'],
    location_code: ['location'],
    location_details: ['properties.location'],
    app_display_name: ['properties.appDisplayName'],
    app_id: ['properties.appId'],
    resource_display_name: ['properties.resourceDisplayName'],
    result_type: ['resultType'],
    status: ['properties.status'],
    authentication_requirement: ['properties.authenticationRequirement'],
    authentication_details: ['properties.authenticationDetails'],
    is_interactive: ['properties.isInteractive'],
    correlation_id: ['properties.correlationId', 'correlationId'],
    session_id: ['properties.sessionId'],
    unique_token_id: ['properties.uniqueTokenIdentifier'],
    device_detail: ['properties.deviceDetail'],
    user_agent: ['properties.userAgent'],
    autonomous_system_number: ['properties.autonomousSystemNumber'],
    conditional_access_status: ['properties.conditionalAccessStatus'],
    risk_level_during_sign_in: ['properties.riskLevelDuringSignIn'],
    risk_level_aggregated: ['properties.riskLevelAggregated'],
    token_issuer_type: ['properties.tokenIssuerType'],
    client_app_used: ['properties.clientAppUsed'],
    category: ['category'],
    event_types: ['properties.signInEventTypes'],
  },
  matches(columns) {
    const hasEnvelope = columns.has('category') || columns.has('operationname');
    const hasUser = columns.has('propertiesuserprincipalname') || columns.has('propertiesuserid');
    return hasEnvelope && (hasUser || columns.has('propertiescreateddatetime'));
  },
};
