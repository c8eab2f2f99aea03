/** A key a JSON body may not hold: said twice in one object, or meaningful to JavaScript. */
export interface KeyProblem {
  readonly kind: 'duplicate' | 'reserved';
  readonly key: string;
  /** Where the object holding the key sits, `payer.device` or `sessions.3` ('' at the top). */
  readonly at: string;
}

// Keys that mean something to JavaScript objects. zod drops `__proto__` from records silently;
// we would rather say no than lose part of a request without a word.
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** One open object (its keys so far) or array (its element index) on the way down. */
interface Level {
  readonly keys: Set<string> | undefined;
  /** The object's latest key, or the array's element index, for `at`. */
  name: string | number;
}

/** Index of the quote that closes the string opening at `start` (text.length when none does). */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end > 0) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) {
      slashes++;
    }
    if (slashes % 2 === 0) {
      return end;
    }
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

/** The names leading to the innermost level (the root and the level itself name nothing). */
const pathOf = (levels: readonly Level[]): string =>
  levels
    .slice(1, -1)
    .map((level) => String(level.name))
    .join('.');

/**
 * The first duplicated or reserved key anywhere in a JSON text, or undefined. Keys are compared
 * as JSON.parse decodes them, so `"amount"` and `"\u0061mount"` are the same key. One pass over
 * the structural characters, decoding only keys that hold an escape: a gateway that keeps the
 * first of two equal keys and Sentinel (JSON.parse keeps the last) can never read different
 * payments from one body. Exact for valid JSON; on malformed text it may answer anything (the
 * caller parses before trusting a problem).
 */
export function findKeyProblem(text: string): KeyProblem | undefined {
  const levels: Level[] = [{ keys: undefined, name: '' }];
  let expectingKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const level = levels[levels.length - 1];
      if (expectingKey && level?.keys !== undefined) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? decodeKey(text.slice(i, end + 1)) : raw;
        if (key === undefined) {
          return undefined;
        }
        if (level.keys.has(key)) {
          return { kind: 'duplicate', key, at: pathOf(levels) };
        }
        if (RESERVED_KEYS.has(key)) {
          return { kind: 'reserved', key, at: pathOf(levels) };
        }
        level.keys.add(key);
        level.name = key;
        expectingKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT) {
      levels.push({ keys: new Set(), name: '' });
      expectingKey = true;
    } else if (c === OPEN_ARRAY) {
      levels.push({ keys: undefined, name: 0 });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      levels.pop();
      expectingKey = false;
    } else if (c === COMMA) {
      const level = levels[levels.length - 1];
      if (level?.keys === undefined) {
        if (level !== undefined && typeof level.name === 'number') {
          level.name++;
        }
      } else {
        expectingKey = true;
      }
    }
  }
  return undefined;
}

function decodeKey(token: string): string | undefined {
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined;
  }
}
