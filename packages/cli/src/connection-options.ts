/**
 * The flags of every command that calls the API (`parseArgs` options), on their own: the credential
 * plugin's cache hit (credential-fast.ts) reads them without loading anything else.
 */
export const CONNECTION_OPTIONS = {
  'api-version': { type: 'string' },
  region: { type: 'string' },
  environment: { type: 'string' },
  endpoint: { type: 'string' },
  timeout: { type: 'string' },
  'allow-unsupported-version': { type: 'boolean' },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
