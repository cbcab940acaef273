import type { ExportShape } from './ExportShape.js';
import { STAGE_COLUMNS } from './stageColumns.js';

/**
 * Microsoft Graph `signIn` records (v1.0 and beta), camelCase with nested `location`, `status`,
 * `deviceDetail` and, in beta, `authenticationDetails`. The same records arrive from the Graph
 * API as pages (`{"value": [...]}`), from Microsoft-Extractor-Suite (page files, merged files,
 * NDJSON) and from the Entra admin center JSON download. There is no ingestion time.
 */
export const graphShape: ExportShape = {
  id: 'graph',
  title: 'Microsoft Graph signIn (API pages, Extractor-Suite, admin center JSON)',
  kind: 'sign-ins',
  stageColumns: STAGE_COLUMNS,
  normalizeSql: 'normalize/sign-ins.sql',
  aliases: {
    created_time: ['createdDateTime'],
    record_id: ['id', 'originalRequestId'],
    user_principal_name: ['userPrincipalName'],
    user_id: ['userId'],
    ip_address: ['ipAddress'],
    location_details: ['location'],
    app_display_name: ['appDisplayName'],
    app_id: ['appId'],
    resource_display_name: ['resourceDisplayName'],
    status: ['status'],
    authentication_requirement: ['authenticationRequirement'],
    authentication_details: ['authenticationDetails'],
    is_interactive: ['isInteractive'],
    correlation_id: ['correlationId'],
    session_id: ['sessionId'],
    unique_token_id: ['uniqueTokenIdentifier'],
    device_detail: ['deviceDetail'],
    user_agent: ['userAgent'],
    autonomous_system_number: ['autonomousSystemNumber'],
    conditional_access_status: ['conditionalAccessStatus'],
    risk_level_during_sign_in: ['riskLevelDuringSignIn'],
    risk_level_aggregated: ['riskLevelAggregated'],
    token_issuer_type: ['tokenIssuerType'],
    client_app_used: ['clientAppUsed'],
    event_types: ['signInEventTypes'],
  },
  matches(columns) {
    const hasUser = columns.has('userprincipalname') || columns.has('userid');
    return hasUser && columns.has('createddatetime') && !columns.has('resulttype');
  },
};
