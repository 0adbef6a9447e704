/**
 * A reader for the plainest block YAML, the form a kubeconfig usually comes in (SKE's, kubectl's own
 * output): nested mappings and sequences of mappings, keys and values that are plain words, `{}` and
 * `[]`. It answers `undefined` for anything outside that form (comments, quotes, anchors, block
 * scalars, flow style, tabs, CRLF, a null, a number, a YAML 1.1 boolean, a duplicate key…), and the
 * caller then reads the text with the `yaml` library; whatever it does answer is what the library
 * answers (checked by a property test against the library).
 * It exists for start-up time: loading and compiling the `yaml` library is most of a short
 * `scp-ske kubeconfig get`. It pays on `cli.cold-start` (tools/benchmarks/cli.bench.mjs): in one run
 * of 31 interleaved rounds, the built command with it 69.6 ms, the same build reading every kubeconfig
 * with the library 95.0 ms (ratio 0.73); 2.09× `node -e 0` instead of 2.97×.
 */

type Node = string | Node[] | { [key: string]: Node };

interface Line {
  /** Column of the content (after `- ` on an entry line). */
  indent: number;
  /** Column of the `-` on an entry line; -1 otherwise. */
  dash: number;
  key: string;
  /** The text after `key: `; undefined for `key:` with nothing after it. */
  value: string | undefined;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_.-]*):(?: (.*))?$/;
/** A plain scalar every YAML 1.1 reader takes as a string: no indicator first, no space, no `#`. */
const WORD = /^[A-Za-z_/][A-Za-z0-9_./:=+@%~-]*$/;
/** Words YAML 1.1 reads as a boolean or a null. */
const NOT_STRINGS = /^(?:[yYnN]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|[Nn]ull|NULL)$/;

const isWord = (text: string) => WORD.test(text) && !text.endsWith(':') && !NOT_STRINGS.test(text);

class OutsideSubset extends Error {}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    if (indent === raw.length) continue;
    let dash = -1;
    let rest = raw.slice(indent);
    if (rest.startsWith('- ')) {
      dash = indent;
      indent += 2;
      while (raw.charCodeAt(indent) === 32) indent++;
      rest = raw.slice(indent);
    }
    const match = KEY.exec(rest);
    if (!match || NOT_STRINGS.test(match[1] as string) || match[1] === '__proto__') throw new OutsideSubset();
    lines.push({ indent, dash, key: match[1] as string, value: match[2] });
  }
  return lines;
}

class Reader {
  #at = 0;
  constructor(readonly lines: Line[]) {}

  get done() {
    return this.#at === this.lines.length;
  }

  /** The mapping whose keys sit at `column`, starting at the current line. */
  mapping(column: number): Node {
    const map: { [key: string]: Node } = {};
    for (let first = true; !this.done; first = false) {
      const line = this.lines[this.#at] as Line;
      if (line.indent < column || (!first && line.dash !== -1)) break;
      if (line.indent > column || Object.hasOwn(map, line.key)) throw new OutsideSubset();
      this.#at++;
      map[line.key] = line.value === undefined ? this.#child(column) : scalar(line.value);
    }
    return map;
  }

  /** The node under `key:` at `column`: a deeper mapping, or a sequence whose dashes are not left of it. */
  #child(column: number): Node {
    const next = this.lines[this.#at];
    if (next && next.dash >= column) return this.#sequence(next.dash);
    if (next && next.dash === -1 && next.indent > column) return this.mapping(next.indent);
    throw new OutsideSubset();
  }

  #sequence(dash: number): Node[] {
    const items: Node[] = [];
    for (let line = this.lines[this.#at]; line?.dash === dash; line = this.lines[this.#at]) {
      items.push(this.mapping(line.indent));
    }
    return items;
  }
}

function scalar(text: string): Node {
  if (text === '{}') return {};
  if (text === '[]') return [];
  if (isWord(text)) return text;
  throw new OutsideSubset();
}

/** The value of `text` when it is plain block YAML of mappings (see above); otherwise undefined. */
export function readSimpleBlockYaml(text: string): Node | undefined {
  try {
    // A tab or a CR never matches a key or a word, so such a text ends up outside the subset too.
    const reader = new Reader(splitLines(text));
    if (reader.done) return undefined;
    const document = reader.mapping(0);
    return reader.done ? document : undefined;
  } catch (error) {
    if (error instanceof OutsideSubset) return undefined;
    throw error;
  }
}
