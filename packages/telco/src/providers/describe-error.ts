/**
 * Error name, code and message for a failure detail or a log field. Messages of the errors we
 * see here (fetch, axios, Firestore, our own) carry no phone numbers or tokens.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause =
      error.cause instanceof Error ? ` (${error.cause.name}: ${error.cause.message})` : '';
    return `${error.name}${typeof code === 'string' || typeof code === 'number' ? ` ${code}` : ''}: ${error.message}${cause}`;
  }
  return typeof error === 'string' ? error : 'a non-error value';
}
