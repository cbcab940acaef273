import type { ExportShape } from './ExportShape.js';
import { STAGE_COLUMNS } from './stageColumns.js';

/**
 * The Entra admin center sign-in download as CSV: `InteractiveSignIns_<dates>.csv` and
 * `NonInteractiveSignIns_<dates>.csv`, with Title Case headers (some with trailing or double
 * spaces, one duplicated), `Location` as "City, State, CC", and display text such as
 * "Success" and "Single-factor authentication". The authentication steps come in a companion
 * file, read by `entraPortalAuthStepsShape` and joined on Request ID.
 */
export const entraPortalShape: ExportShape = {
  id: 'entra-portal-csv',
  title: 'Entra admin center CSV download (InteractiveSignIns_*.csv, NonInteractiveSignIns_*.csv)',
  kind: 'sign-ins',
  stageColumns: STAGE_COLUMNS,
  normalizeSql: 'normalize/sign-ins.sql',
  aliases: {
    created_time: ['Date (UTC)', 'Date'],
    record_id: ['Request ID'],
    user_principal_name: ['Username'],
    user_id: ['User ID'],
    ip_address: ['IP address'],
    location_text: ['Location'],
    app_display_name: ['Application'],
    app_id: ['Application ID'],
    resource_display_name: ['Resource'],
    result_type: ['Sign-in error code'],
    status_text: ['Status'],
    authentication_requirement: ['Authentication requirement'],
    additional_details: ['Multifactor authentication result'],
    correlation_id: ['Correlation ID'],
    session_id: ['Session ID'],
    unique_token_id: ['Unique token identifier'],
    device_os_text: ['Operating System'],
    device_browser_text: ['Browser'],
    user_agent: ['User agent'],
    autonomous_system_number: ['Autonomous system number'],
    conditional_access_status: ['Conditional Access'],
    token_issuer_type: ['Token issuer type'],
    client_app_used: ['Client app'],
  },
  matches(columns) {
    return columns.has('requestid') && (columns.has('dateutc') || columns.has('date')) && (columns.has('username') || columns.has('userid'));
  },
  // The download has no interactive column; the tab it came from is in the file name.
  interactiveFromFileName(fileName) {
    if (/^NonInteractiveSignIns/i.test(fileName)) return 'false';
    if (/^InteractiveSignIns/i.test(fileName)) return 'true';
    return '';
  },
};

/**
 * The companion `*_AuthDetails_*.csv` of an admin center download: one row per authentication
 * step, joined to its sign-in on Request ID after every file is loaded.
 */
export const entraPortalAuthStepsShape: ExportShape = {
  id: 'entra-portal-auth-details',
  title: 'Entra admin center authentication details CSV (*_AuthDetails_*.csv)',
  kind: 'auth-steps',
  // ingest_time is always empty here; it keeps the day/month order check shared with sign-ins.
  stageColumns: ['record_id', 'created_time', 'ingest_time', 'method', 'method_detail', 'succeeded', 'result_detail', 'requirement'],
  normalizeSql: 'normalize/entra-auth-steps.sql',
  aliases: {
    record_id: ['Request ID'],
    created_time: ['Date (UTC)', 'Date'],
    method: ['Authentication method'],
    method_detail: ['Authentication method detail'],
    succeeded: ['Succeeded'],
    result_detail: ['Result detail'],
    requirement: ['Requirement'],
  },
  matches(columns) {
    return columns.has('requestid') && columns.has('authenticationmethod') && !columns.has('username');
  },
};
