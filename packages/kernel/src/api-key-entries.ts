import type { EnvFields } from './env-config.ts';

/** One `id:key` entry of an API-key variable (SENTINEL_API_KEYS and its kind). */
export interface ApiKeyEntry {
  readonly id: string;
  readonly key: string;
}

const ID = /^[A-Za-z0-9._-]{1,64}$/;
const MIN_KEY_LENGTH = 8;

/**
 * Parses `id:key` or bare `key` entries of `variable`; a bare key gets `bareId`. The id names a
 * tenant (or a platform operator); every service reading API keys parses them here, the same way.
 * Keys are secrets: problems name the entry's position, never its value.
 */
export function apiKeyEntries(f: EnvFields, variable: string, bareId: string): ApiKeyEntry[] {
  return (f.list(variable) ?? []).flatMap((entry, index) => {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : bareId;
    const key = colon > 0 ? entry.slice(colon + 1) : entry;
    if (key.length < MIN_KEY_LENGTH) {
      f.issue(variable, `entry ${index + 1} has a key shorter than ${MIN_KEY_LENGTH} characters`);
      return [];
    }
    if (!ID.test(id) || /^\.{1,2}$/.test(id)) {
      f.issue(variable, `entry ${index + 1} has an invalid client id`);
      return [];
    }
    return [{ id, key }];
  });
}
