// SHIELD's reference profiles read from the repository's data files: the engine reads no files,
// so the reader lives here, beside the engine's other test support, for tests, npm run eval:behavior
// and the demo.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  parseShieldReference,
  SHIELD_ATTACKS,
  type ShieldReference,
} from '../behavior/scenarios/shield-reference.ts';

/** SHIELD's reference profiles, kept in the repository (see its README for provenance). */
export const SHIELD_REFERENCE_DIR = resolve(import.meta.dirname, '..', '..', 'reference', 'shield');

const SHIELD_FILES = ['features', 'legitimate', ...SHIELD_ATTACKS] as const;

/**
 * Reads and checks SHIELD's reference JSON (the engine reads no files). Throws with a message that
 * says what is missing or wrong.
 */
export function loadShieldReference(dir: string = SHIELD_REFERENCE_DIR): ShieldReference {
  const missing = SHIELD_FILES.filter((name) => !existsSync(join(dir, `${name}.json`)));
  if (missing.length > 0) {
    throw new Error(
      `SHIELD reference data not found in ${dir} (missing ${missing.map((m) => `${m}.json`).join(', ')}); ` +
        'it is kept at packages/engine/reference/shield in the repository (or pass --shield DIR)',
    );
  }
  const files = Object.fromEntries(
    SHIELD_FILES.map((name) => [name, JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'))]),
  );
  const parsed = parseShieldReference(files);
  if (!parsed.ok) {
    const lines = parsed.issues.map((i) => `  ${i.file}.json ${i.path}: ${i.message}`);
    throw new Error(`SHIELD reference data in ${dir} is not usable:\n${lines.join('\n')}`);
  }
  return parsed.reference;
}
