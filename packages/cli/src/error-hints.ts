/**
 * Hints attached to an error where it is raised (what to do about it), read by report-error.ts when
 * it reports the error: a module of its own, so that a command loads the reporter only when
 * something fails.
 */
const hints = new WeakMap<object, string>();

/** Adds a hint to an error (printed on its own line, and as `hint` in JSON); returns the error. */
export function withHint<E extends object>(error: E, hint: string): E {
  hints.set(error, hint);
  return error;
}

/** The hint an error carries, if any. */
export const hintOf = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null ? hints.get(error) : undefined;
