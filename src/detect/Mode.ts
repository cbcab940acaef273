/** `kql-compat` reproduces the Sentinel rule exactly; `default` fixes its known defects. */
export type Mode = 'default' | 'kql-compat';
