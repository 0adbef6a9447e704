/**
 * What scp-ske checks in the kubeconfig SKE returned, beyond the client's own check (a kubeconfig at
 * all), before writing or printing it. The text: no character YAML does not allow raw in a document
 * (C0 controls but tab, line feed and carriage return; DEL; C1 but NEL, refused too; a byte order mark
 * after the start: YAML 1.2 §5.1), nor a bidirectional control, and never the SCP secret key. A text that passes holds
 * nothing a terminal acts on, so that `kubeconfig get` may print it as it is (escapes inside a quoted
 * scalar, such as `"\e[31m"`, are text). The entries a merge writes: no control character in any of
 * their keys or values once read (an escaped one would reach the user's kubeconfig, and kubectl's output).
 */
import { UnsafeKubeconfigError } from './kubeconfig-errors.js';

/**
 * Control characters but tab and the line breaks (YAML allows NEL among C1, a terminal may act on it:
 * refused too), and bidirectional controls: in a value read from YAML, where escapes are undone.
 */
const CONTROL = /(?![\t\n\r])[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
/** In the text: the same, and what YAML never allows raw (a byte order mark past the start, U+FFFE, U+FFFF). */
const FORBIDDEN = /(?![\t\n\r])[\p{Cc}\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/u;

const codePoint = (character: string) =>
  `U+${(character.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;

/** Refuses a kubeconfig text holding a forbidden character (named with its line) or one of `secrets`. */
export function checkKubeconfigText(text: string, secrets: Iterable<string>): void {
  const body = text.startsWith('\ufeff') ? text.slice(1) : text;
  const found = FORBIDDEN.exec(body);
  if (found) {
    const line = body.slice(0, found.index).split(/\r\n|\r|\n/).length;
    throw new UnsafeKubeconfigError(
      'characters',
      // Stryker disable next-line StringLiteral: message text
      `it holds a control character (${codePoint(found[0])}) on line ${line}, which YAML does not allow`,
    );
  }
  for (const secret of secrets) {
    // Stryker disable next-line StringLiteral: message text
    if (secret !== '' && text.includes(secret))
      throw new UnsafeKubeconfigError('secret', 'it holds your SCP secret key');
  }
}

/**
 * The first key or value of `value` (read from YAML) holding a control character: its path and the
 * character. A key is looked at before what is under it, so that a path never holds one.
 */
function findControl(value: unknown, path: string): { path: string; character: string } | undefined {
  if (typeof value === 'string') {
    const found = CONTROL.exec(value);
    return found ? { path, character: found[0] } : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findControl(item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = findControl(key, `${path} (a key)`) ?? findControl(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Refuses entries to merge (`{ cluster: { name, body }, … }`) that hold a control character anywhere. */
export function checkEntries(entries: Record<string, { name: string; body: unknown }>): void {
  for (const [section, entry] of Object.entries(entries)) {
    const found = findControl(entry.name, `the ${section}'s name`) ?? findControl(entry.body, section);
    if (found) {
      throw new UnsafeKubeconfigError(
        'characters',
        // Stryker disable next-line StringLiteral: message text
        `it holds a control character (${codePoint(found.character)}) in ${found.path}`,
      );
    }
  }
}
