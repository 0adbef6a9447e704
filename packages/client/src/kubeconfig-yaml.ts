/**
 * Reads a kubeconfig's text as kubectl does (YAML 1.1, as go-yaml reads it: anchors and aliases,
 * merge keys, block scalars, flow style, comments, CRLF, a byte order mark, the JSON form, yes/no
 * booleans). The plain block form SKE's own kubeconfigs come in is read by `readSimpleBlockYaml`;
 * anything else by the `yaml` library, loaded only then: loading it is most of a short-lived
 * process such as `scp-ske kubeconfig get`. Loaded with kubeconfig-read.ts, on the first kubeconfig read.
 */
import { KubeconfigFormatError } from './kubeconfig.js';
import { readSimpleBlockYaml } from './simple-yaml.js';

/** The document in `text`; a `KubeconfigFormatError` (with the position, never the line) when it is not YAML. */
export async function parseKubeconfigYaml(text: string): Promise<unknown> {
  const plain = readSimpleBlockYaml(text);
  if (plain !== undefined) return plain;
  const { parse } = await import('yaml');
  try {
    return parse(text.replace(/^\uFEFF/, ''), { version: '1.1', uniqueKeys: false, maxAliasCount: 1000 });
  } catch (error) {
    // The library's message quotes the offending line, which may hold a token: keep only its position.
    const position = (error as { linePos?: [{ line: number; col: number }] }).linePos?.[0];
    throw new KubeconfigFormatError(
      `not readable YAML${position ? ` (line ${position.line}, column ${position.col})` : ''}`,
    );
  }
}
