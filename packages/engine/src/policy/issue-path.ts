/** A zod issue path as one string: `rules[3].params.bands`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') {
      return `${out}[${key}]`;
    }
    const name = String(key);
    return out === '' ? name : `${out}.${name}`;
  }, '');
}
