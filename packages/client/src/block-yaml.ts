/**
 * A small, single-pass reader for the YAML that kubeconfig files are written in: block mappings and
 * sequences, plain and quoted scalars, `|`/`>` block scalars, empty `{}`/`[]`, comments, and JSON
 * documents, and one-line flow collections of scalars (`{cluster: c, user: u}`). Scalars stay
 * strings (null for `null`/`~`/empty). Anything else (anchors, aliases, tags, nested or multi-line
 * flow collections, multi-line plain scalars) is refused with its line number rather than guessed at. It walks the text with `indexOf` and never runs a pattern over a value,
 * so long values (certificate data, tokens) cost one slice each. It exists so that the client can
 * check a kubeconfig without shipping a full YAML parser; the CLI, which edits kubeconfig files,
 * uses the `yaml` package.
 */

export type YamlValue = string | null | YamlValue[] | { [key: string]: YamlValue };

export class YamlSubsetError extends Error {
  override readonly name = 'YamlSubsetError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const SPACE = 32;
const isItem = (line: string) => line === '-' || line.startsWith('- ');

/** Where a `#` starts a comment in `text` (after whitespace, outside quotes handled by the caller), or -1. */
function commentStart(text: string): number {
  for (let at = text.indexOf('#'); at !== -1; at = text.indexOf('#', at + 1)) {
    if (at === 0 || text[at - 1] === ' ' || text[at - 1] === '\t') return at;
  }
  return -1;
}

/** The closing quote of a quoted scalar that opens `text`, or -1. */
function closingQuote(text: string): number {
  const quote = text[0] as string;
  for (let at = 1; at < text.length; at++) {
    const char = text[at];
    if (quote === '"' && char === '\\') at++;
    else if (char === quote) {
      if (quote === "'" && text[at + 1] === "'") at++;
      else return at;
    }
  }
  return -1;
}

/** A quoted scalar (`"…"` with JSON escapes, `'…'` with `''`), the whole of `text` but a comment. */
function quoted(text: string, line: number): string {
  const end = closingQuote(text);
  const rest = end === -1 ? undefined : text.slice(end + 1).trim();
  if (rest === undefined || (rest !== '' && !rest.startsWith('#'))) {
    throw new YamlSubsetError('unterminated or multi-line quoted string', line);
  }
  if (text[0] === "'") return text.slice(1, end).replaceAll("''", "'");
  try {
    return JSON.parse(text.slice(0, end + 1)) as string;
  } catch {
    throw new YamlSubsetError('unsupported escape in a double-quoted string', line);
  }
}

/** The index of the `:` that ends the key opening `text` (`key: value`, `key:`), or -1. */
function keyEnd(text: string): number {
  let from = 0;
  if (text[0] === '"' || text[0] === "'") {
    from = closingQuote(text);
    if (from === -1) return -1;
  } else if ('#&*!|>{}[],'.includes(text[0] as string)) return -1;
  for (let at = text.indexOf(':', from); at !== -1; at = text.indexOf(':', at + 1)) {
    const after = text.charCodeAt(at + 1);
    if (Number.isNaN(after) || after === SPACE) return at;
  }
  return -1;
}

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g;
/** An item of a flow collection: quoted scalars (commas and all) and anything but a comma. */
const FLOW_ITEM = new RegExp(`(?:${QUOTED.source}|[^,"'])+`, 'g');

/** A one-line flow collection of scalars: `{a: 1, b: "x"}` or `[a, b]`. */
function flowCollection(plain: string, line: number): YamlValue {
  const open = plain[0] as string;
  if (!plain.endsWith(open === '{' ? '}' : ']')) {
    throw new YamlSubsetError(`unsupported YAML construct "${open}" spanning lines`, line);
  }
  const body = plain.slice(1, -1);
  if (/[[\]{}]/.test(body.replace(QUOTED, ''))) {
    throw new YamlSubsetError(`unsupported YAML construct "${open}" with nested collections`, line);
  }
  const items = (body.match(FLOW_ITEM) ?? []).map((item) => item.trim()).filter((item) => item !== '');
  if (open === '[') return items.map((item) => scalar(item, line));
  const map: { [key: string]: YamlValue } = {};
  for (const item of items) {
    const colon = keyEnd(item);
    if (colon === -1) throw new YamlSubsetError('expected "key: value" in a flow mapping', line);
    map[key(item.slice(0, colon), line)] = scalar(item.slice(colon + 1).trim(), line);
  }
  return map;
}

/** A mapping key, plain or quoted. */
function key(text: string, line: number): string {
  const trimmed = text.trimEnd();
  return trimmed[0] === '"' || trimmed[0] === "'" ? quoted(trimmed, line) : trimmed;
}

/** A scalar written after `key:` or `- ` (already trimmed at the start). */
function scalar(text: string, line: number): YamlValue {
  const first = text[0];
  if (first === '"' || first === "'") return quoted(text, line);
  const comment = commentStart(text);
  const plain = (comment === -1 ? text : text.slice(0, comment)).trimEnd();
  if (first === '{' || first === '[') return flowCollection(plain, line);
  if (first === '&' || first === '*' || first === '!') {
    throw new YamlSubsetError(`unsupported YAML construct "${first}"`, line);
  }
  return plain === '' || plain === 'null' || plain === '~' ? null : plain;
}

/** Walks the document line by line; `line`, `indent` and `text` describe the current content line. */
class Reader {
  private next = 0;
  line = 0;
  indent = -1;
  text = '';

  constructor(private readonly source: string) {
    this.advance();
  }

  /** Moves to the next line with content (`indent` -1 at the end). */
  advance(): void {
    const { source } = this;
    while (this.next < source.length) {
      const start = this.next;
      const newline = source.indexOf('\n', start);
      const end = newline === -1 ? source.length : newline;
      this.next = end + 1;
      this.line++;
      let column = start;
      while (source.charCodeAt(column) === SPACE) column++;
      if (source[column] === '\t') throw new YamlSubsetError('tab indentation', this.line);
      const text = source.slice(column, end).trimEnd();
      if (text === '' || text[0] === '#') continue;
      if (text === '---' || text === '...') {
        if (text === '---' && this.text === '') continue; // a marker before the first content line
        throw new YamlSubsetError('more than one document', this.line);
      }
      this.indent = column - start;
      this.text = text;
      return;
    }
    this.indent = -1;
  }

  /** Treats the rest of the current line from `offset` as a line of its own at `indent + offset`. */
  private shift(offset: number): void {
    this.indent += offset;
    this.text = this.text.slice(offset);
  }

  node(indent: number): YamlValue {
    return isItem(this.text) ? this.sequence(indent) : this.mapping(indent);
  }

  private sequence(indent: number): YamlValue[] {
    const items: YamlValue[] = [];
    // A key at the sequence's own indent ends it (kubectl writes `clusters:` items at the parent's indent).
    while (this.indent === indent && isItem(this.text)) {
      let offset = 1;
      while (this.text.charCodeAt(offset) === SPACE) offset++;
      if (offset === this.text.length) {
        this.advance();
        items.push(this.indent > indent ? this.node(this.indent) : null);
      } else {
        // "- key: value" opens a mapping whose keys sit at the column after "- ".
        this.shift(offset);
        items.push(keyEnd(this.text) === -1 ? this.value(this.text, indent) : this.mapping(this.indent));
      }
    }
    return items;
  }

  private mapping(indent: number): { [key: string]: YamlValue } {
    const map: { [key: string]: YamlValue } = {};
    while (this.indent === indent && !isItem(this.text)) {
      const colon = keyEnd(this.text);
      if (colon === -1) throw new YamlSubsetError('expected "key: value"', this.line);
      const name = key(this.text.slice(0, colon), this.line);
      if (Object.hasOwn(map, name)) throw new YamlSubsetError(`duplicate key "${name}"`, this.line);
      const rest = this.text.slice(colon + 1).trimStart();
      if (rest === '' || rest[0] === '#') {
        this.advance();
        if (this.indent > indent) map[name] = this.node(this.indent);
        else map[name] = this.indent === indent && isItem(this.text) ? this.sequence(indent) : null;
      } else {
        map[name] = this.value(rest, indent);
      }
    }
    if (this.indent > indent) throw new YamlSubsetError('unexpected indentation', this.line);
    return map;
  }

  /** A value on the current line (consumed), or the block scalar that its `|`/`>` header opens. */
  private value(text: string, indent: number): YamlValue {
    const line = this.line;
    const header = /^[|>][+-]?(\s+#.*)?$/.test(text) ? text[0] : undefined;
    this.advance();
    if (!header) return scalar(text, line);
    const body: string[] = [];
    const blockIndent = this.indent;
    for (; this.indent > indent; this.advance()) body.push(' '.repeat(this.indent - blockIndent) + this.text);
    if (body.length === 0) throw new YamlSubsetError('empty block scalar', line);
    const joined = body.join(header === '>' ? ' ' : '\n');
    return /^.[^\s#]*-/.test(text) ? joined : `${joined}\n`;
  }
}

/** Parses a kubeconfig-style YAML (or JSON) document. Throws YamlSubsetError, with a line number. */
export function parseBlockYaml(text: string): YamlValue {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (source.trimStart()[0] === '{') {
    try {
      return JSON.parse(source) as YamlValue;
    } catch {
      throw new YamlSubsetError('a document starting with "{" is not valid JSON', 1);
    }
  }
  const reader = new Reader(source);
  if (reader.indent === -1) return null;
  const value = reader.node(reader.indent);
  if (reader.indent !== -1) throw new YamlSubsetError('unexpected content after the document', reader.line);
  return value;
}
