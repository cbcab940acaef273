/**
 * Columns of the `stage` view that each input file is read into before normalisation.
 * Every stage column is VARCHAR: nested values arrive as JSON text, whether the export
 * held an object or a string, and the normalisation SQL parses and types them.
 */
export const STAGE_COLUMNS = [
  'ingest_time',
  'created_time',
  'record_id',
  'user_principal_name',
  'user_id',
  'ip_address',
  'location_code',
  'location_details',
  'app_display_name',
  'app_id',
  'resource_display_name',
  'result_type',
  'status',
  'authentication_requirement',
  'authentication_details',
  'is_interactive',
  'correlation_id',
  'session_id',
  'unique_token_id',
  'device_detail',
  'user_agent',
  'autonomous_system_number',
  'conditional_access_status',
  'risk_level_during_sign_in',
  'risk_level_aggregated',
  'token_issuer_type',
  'client_app_used',
  'table_name',
  'category',
  'event_types',
  'status_text',
  'location_text',
  'additional_details',
  'device_os_text',
  'device_browser_text',
] as const;

export type StageColumn = (typeof STAGE_COLUMNS)[number];

/** The stage columns that can carry the time of a sign-in; a file needs at least one. */
export const TIME_STAGE_COLUMNS: readonly StageColumn[] = ['created_time', 'ingest_time'];
