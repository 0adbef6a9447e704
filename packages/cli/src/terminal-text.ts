/**
 * What scp-ske prints, made safe for a terminal: a server's text never reaches it raw. Control
 * characters (C0, DEL, C1) and the bidirectional overrides a terminal would act on (colours, cursor
 * moves, an OSC title change, text shown in another order) are made visible as `\u001b`-style escapes,
 * which also keeps JSON valid; and every occurrence of a secret the command knows (the SCP secret
 * key) is `[redacted]`. `oneLine` is for a server's value inside a line (a table cell, a name in a
 * message: line breaks and tabs are escaped too); `guardIo` wraps a command's output so that
 * everything it writes goes through `printable`, but for the one exception, `writeVerbatim`: a
 * kubeconfig printed for redirection to a file, checked first (kubeconfig-check.ts).
 */
import type { Io } from './commands/kubeconfig.js';

export const REDACTED = '[redacted]';

/** Control characters (C0, DEL, C1), bidirectional embeddings, overrides and isolates. */
const LINE_CONTROLS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;
/** The same but tab and line feed, which may separate lines and columns of a text. */
const CONTROLS = /(?![\t\n])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

const escaped = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with its control characters made visible; line feeds and tabs are kept. */
export function visible(text: string): string {
  return text.replace(CONTROLS, escaped);
}

/** A server's value as text inside one line: every control character visible, line feeds and tabs too. */
export function oneLine(value: string): string {
  return value.replace(LINE_CONTROLS, escaped);
}

/** `text` with every occurrence of each secret replaced, also as JSON writes it inside a string. */
export function redact(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === '') continue;
    result = result.split(secret).join(REDACTED);
    const inJson = JSON.stringify(secret).slice(1, -1);
    if (inJson !== secret) result = result.split(inJson).join(REDACTED);
  }
  return result;
}

/** `text` as scp-ske prints it: secrets redacted, control characters visible. */
export function printable(text: string, secrets: Iterable<string>): string {
  return visible(redact(text, secrets));
}

const secretsOf = new WeakMap<object, Set<string>>();
const verbatimOf = new WeakMap<object, (text: string) => void>();
const statusOf = new WeakMap<object, (text: string) => void>();

/** Remembers a secret of the command running with `io`: nothing it prints will show it. */
export function rememberSecret(io: object, secret: string | undefined): void {
  if (secret) secretsOf.get(io)?.add(secret);
}

/** `io` with its output made printable; secrets remembered for the result are redacted from then on. */
export function guardIo(io: Io): Io {
  const secrets = new Set<string>();
  const guarded: Io = {
    env: io.env,
    homeDir: io.homeDir,
    stdout: (text) => io.stdout(printable(text, secrets)),
    stderr: (text) => io.stderr(printable(text, secrets)),
    get isTTY() {
      return io.isTTY;
    },
    ...(io.prompt && {
      prompt: (question: string) => io.prompt?.(printable(question, secrets)) ?? Promise.resolve(''),
    }),
  };
  secretsOf.set(guarded, secrets);
  verbatimOf.set(guarded, (text) => io.stdout(text));
  statusOf.set(guarded, (text) => io.stderr(`\r${printable(text, secrets)}\u001b[K`));
  rememberSecret(guarded, io.env.SCP_SECRET_KEY);
  return guarded;
}

/** The secrets remembered for `io` (none for an unguarded one). */
export function secretsFor(io: object): ReadonlySet<string> {
  return secretsOf.get(io) ?? new Set();
}

/** Writes `text` to stdout as it is: only for data checked beforehand (a kubeconfig for a file). */
export function writeVerbatim(io: Io, text: string): void {
  (verbatimOf.get(io) ?? io.stdout)(text);
}

/**
 * Rewrites the terminal's status line on stderr with `text` (made printable): a carriage return,
 * the text, and the erasure of what an earlier, longer line left. For a terminal only.
 */
export function writeStatusLine(io: Io, text: string): void {
  (statusOf.get(io) ?? ((line: string) => io.stderr(`\r${line}\u001b[K`)))(text);
}
