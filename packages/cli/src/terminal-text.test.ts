/**
 * Text made safe for a terminal: control characters (ESC, an OSC title change, C1, bidirectional
 * overrides) visible as `\u001b`-style escapes, which JSON reads back as the same characters; secrets
 * redacted, also as JSON writes them; and a guarded output that applies both to everything but the
 * one verbatim write.
 */
import { describe, expect, it } from 'vitest';
import type { Io } from './commands/kubeconfig.js';
import {
  guardIo,
  oneLine,
  printable,
  REDACTED,
  redact,
  rememberSecret,
  secretsFor,
  visible,
  writeVerbatim,
} from './terminal-text.js';

const ESC = '\u001b';

describe('visible', () => {
  it('shows ESC of a colour and an OSC title change as escapes, keeping line feeds and tabs', () => {
    expect(visible(`${ESC}[31mred${ESC}[0m\n\tnext`)).toBe('\\u001b[31mred\\u001b[0m\n\tnext');
    expect(visible(`${ESC}]0;title\u0007`)).toBe('\\u001b]0;title\\u0007');
  });

  it('shows every C0 but tab and line feed, DEL, C1 and the bidirectional controls, and nothing else', () => {
    const controls = [
      ...Array.from({ length: 32 }, (_, code) => code).filter((code) => code !== 9 && code !== 10),
      ...Array.from({ length: 33 }, (_, index) => 0x7f + index),
      0x202a,
      0x202e,
      0x2066,
      0x2069,
    ];
    for (const code of controls) {
      expect(visible(String.fromCharCode(code)), code.toString(16)).toBe(`\\u${code.toString(16).padStart(4, '0')}`);
    }
    const kept = ' ~\u00a0é한\u2029\u2070\u2065\u2029\u202f\u2028';
    expect(visible(kept)).toBe(kept);
  });

  it('keeps JSON valid and its meaning: the escapes read back as the characters', () => {
    const value = { name: `a\u009b31m\u007f\u202eb${ESC}` };
    expect(JSON.parse(visible(JSON.stringify(value)))).toEqual(value);
  });
});

describe('oneLine', () => {
  it('shows line feeds, carriage returns and tabs too: a value stays on its line', () => {
    expect(oneLine(`a\nb\r\tc${ESC}[2J`)).toBe('a\\u000ab\\u000d\\u0009c\\u001b[2J');
    expect(oneLine('plain text')).toBe('plain text');
  });
});

describe('redact', () => {
  it('replaces every occurrence of each secret, and leaves an empty secret alone', () => {
    expect(redact('s3cret and s3cret, k3y', ['s3cret', 'k3y', ''])).toBe(`${REDACTED} and ${REDACTED}, ${REDACTED}`);
    expect(redact('nothing here', [])).toBe('nothing here');
  });

  it('replaces a secret as JSON writes it inside a string', () => {
    const secret = 'a"b\\c';
    expect(redact(JSON.stringify({ echoed: secret }), [secret])).toBe(`{"echoed":"${REDACTED}"}`);
  });

  it('is what printable does first, before showing control characters', () => {
    expect(printable(`${ESC}[31ms3cret`, ['s3cret'])).toBe(`\\u001b[31m${REDACTED}`);
  });
});

describe('guardIo', () => {
  const capture = () => {
    const written = { stdout: '', stderr: '' };
    const io: Io = {
      env: { SCP_SECRET_KEY: 'env-secret' },
      homeDir: '/home/x',
      stdout: (text) => {
        written.stdout += text;
      },
      stderr: (text) => {
        written.stderr += text;
      },
    };
    return { io, written };
  };

  it('makes both streams printable, redacting the environment secret and every secret remembered later', () => {
    const { io, written } = capture();
    const guarded = guardIo(io);
    expect([guarded.env, guarded.homeDir]).toEqual([io.env, io.homeDir]);
    rememberSecret(guarded, 'file-secret');
    rememberSecret(guarded, undefined);
    rememberSecret(guarded, '');
    guarded.stdout(`${ESC}[31m env-secret file-secret\n`);
    guarded.stderr(`${ESC}]0;t\u0007 file-secret\n`);
    expect(written).toEqual({
      stdout: `\\u001b[31m ${REDACTED} ${REDACTED}\n`,
      stderr: `\\u001b]0;t\\u0007 ${REDACTED}\n`,
    });
    expect([...secretsFor(guarded)]).toEqual(['env-secret', 'file-secret']);
  });

  it('remembers no secret for an io it did not guard, and writes verbatim only through the guard', () => {
    const { io, written } = capture();
    rememberSecret(io, 'ignored');
    expect([...secretsFor(io)]).toEqual([]);
    writeVerbatim(io, `raw${ESC}\r\n`);
    const guarded = guardIo(io);
    writeVerbatim(guarded, 'kind: Config\r\n');
    expect(written.stdout).toBe(`raw${ESC}\r\nkind: Config\r\n`);
  });

  it('remembers nothing for an environment without a secret', () => {
    const guarded = guardIo({ ...capture().io, env: {} });
    expect([...secretsFor(guarded)]).toEqual([]);
  });
});
