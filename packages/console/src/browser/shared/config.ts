/**
 * What the console needs to know about the stack it runs against, from `GET /console/config.json`.
 * Keys are present only in the local demo (`npm start`, loopback): in the cloud the console asks the
 * operator for the tenant's admin key and keeps it in this tab's session storage only.
 */
export interface ConsoleConfig {
  readonly demo: boolean;
  readonly tenant: string | null;
  readonly apiKey: string | null;
  readonly adminKey: string | null;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`console config: HTTP ${response.status}`);
  }
  return (await response.json()) as ConsoleConfig;
}
