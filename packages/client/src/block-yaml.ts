/**
 * A small reader for the YAML that kubeconfig files are written in: block mappings and sequences,
 * plain and quoted scalars, `|`/`>` block scalars, empty `{}`/`[]`, comments, and JSON documents.
 * Scalars stay strings (null for `null`/`~`/empty). Anything else (anchors, aliases, tags, flow
 * collections with content, multi-line plain scalars) is refused with its line number rather than
 * guessed at. It exists so the client can check a kubeconfig without shipping a full YAML parser;
 * the CLI, which edits kubeconfig files, uses the `yaml` package.
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

interface Line {
  number: number;
  indent: number;
  text: string;
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],&*!|>-][^:#]*?|-[^\s:#][^:#]*?)\s*:(?:\s+|$)(.*)$/;

function stripComment(text: string): string {
  if (!text.includes('#')) return text.trimEnd();
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text.trimEnd();
}

class Reader {
  private index = 0;
  constructor(
    private readonly lines: Line[],
    private readonly raw: string[],
  ) {}

  private peek(): Line | undefined {
    return this.lines[this.index];
  }

  parse(): YamlValue {
    const first = this.peek();
    if (!first) return null;
    const value = this.node(first.indent);
    const rest = this.peek();
    if (rest) throw new YamlSubsetError('unexpected content after the document', rest.number);
    return value;
  }

  private node(indent: number): YamlValue {
    const line = this.peek() as Line;
    return line.text === '-' || line.text.startsWith('- ') ? this.sequence(indent) : this.mapping(indent);
  }

  private sequence(indent: number): YamlValue[] {
    const items: YamlValue[] = [];
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      // A key at the sequence's own indent ends it (kubectl writes `clusters:` items at the parent's indent).
      if (!(line.text === '-' || line.text.startsWith('- '))) break;
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        this.index++;
        const next = this.peek();
        items.push(next && next.indent > indent ? this.node(next.indent) : null);
      } else {
        // "- key: value" opens a mapping whose keys sit at the column after "- ".
        const column = indent + (line.text.length - rest.length);
        this.lines[this.index] = { number: line.number, indent: column, text: rest };
        items.push(KEY.test(rest) ? this.mapping(column) : this.inlineScalar(rest, line.number, column));
      }
    }
    return items;
  }

  private mapping(indent: number): { [key: string]: YamlValue } {
    const map: { [key: string]: YamlValue } = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      const match = KEY.exec(line.text);
      if (!match) throw new YamlSubsetError('expected "key: value"', line.number);
      const key = unquote(match[1] as string, line.number);
      if (Object.hasOwn(map, key)) throw new YamlSubsetError(`duplicate key "${key}"`, line.number);
      const rest = match[2] as string;
      if (rest === '') {
        this.index++;
        const next = this.peek();
        if (next && next.indent > indent) map[key] = this.node(next.indent);
        else if (next && next.indent === indent && (next.text === '-' || next.text.startsWith('- ')))
          map[key] = this.sequence(indent);
        else map[key] = null;
      } else {
        map[key] = this.inlineScalar(rest, line.number, indent);
      }
    }
    const stray = this.peek();
    if (stray && stray.indent > indent) throw new YamlSubsetError('unexpected indentation', stray.number);
    return map;
  }

  /** A scalar on the current line (consumed), or a block scalar that follows it. */
  private inlineScalar(text: string, number: number, indent: number): YamlValue {
    this.index++;
    if (/^[|>][+-]?$/.test(text)) return this.blockScalar(text, number, indent);
    return scalar(text, number);
  }

  private blockScalar(header: string, number: number, indent: number): string {
    const body: string[] = [];
    let blockIndent: number | undefined;
    for (let next = this.peek(); next && next.indent > indent; next = this.peek()) {
      blockIndent ??= next.indent;
      body.push((this.raw[next.number - 1] as string).slice(blockIndent).trimEnd());
      this.index++;
    }
    if (body.length === 0) throw new YamlSubsetError('empty block scalar', number);
    const text = header.startsWith('>') ? body.join(' ') : body.join('\n');
    return header.endsWith('-') ? text : `${text}\n`;
  }
}

function unquote(text: string, number: number): string {
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      throw new YamlSubsetError('unsupported escape in a double-quoted string', number);
    }
  }
  if (text.startsWith("'")) return text.slice(1, -1).replaceAll("''", "'");
  return text.trim();
}

function scalar(text: string, number: number): YamlValue {
  if (/^[[{]/.test(text)) return flowCollection(text, number);
  if (/^["']/.test(text)) {
    const closed = text.startsWith('"') ? /^"(?:[^"\\]|\\.)*"$/.test(text) : /^'(?:[^']|'')*'$/.test(text);
    if (!closed) throw new YamlSubsetError('unterminated or multi-line quoted string', number);
    return unquote(text, number);
  }
  if (/^[&*!]/.test(text)) throw new YamlSubsetError(`unsupported YAML construct "${text.slice(0, 1)}"`, number);
  return text === 'null' || text === '~' ? null : text;
}

/** Splits on commas outside quotes. */
function splitFlow(body: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === ',') {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** A one-line flow collection of scalars: `{a: 1, b: "x"}` or `[a, b]`. Nested collections are refused. */
function flowCollection(text: string, number: number): YamlValue {
  const open = text[0] as string;
  const close = open === '{' ? '}' : ']';
  if (!text.endsWith(close)) throw new YamlSubsetError(`unsupported YAML construct "${open}" spanning lines`, number);
  const items = splitFlow(text.slice(1, -1));
  if (items.some((item) => /^[[{]/.test(item) || /:\s*[[{]/.test(item))) {
    throw new YamlSubsetError(`unsupported YAML construct "${open}" with nested collections`, number);
  }
  if (open === '[') return items.map((item) => scalar(item, number));
  const map: { [key: string]: YamlValue } = {};
  for (const item of items) {
    const match = KEY.exec(item);
    if (!match) throw new YamlSubsetError('expected "key: value" in a flow mapping', number);
    map[unquote(match[1] as string, number)] = scalar(match[2] === '' ? 'null' : (match[2] as string), number);
  }
  return map;
}

/** Parses a kubeconfig-style YAML (or JSON) document. Throws YamlSubsetError, with a line number. */
export function parseBlockYaml(text: string): YamlValue {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as YamlValue;
    } catch {
      throw new YamlSubsetError('a document starting with "{" is not valid JSON', 1);
    }
  }
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const lines: Line[] = [];
  raw.forEach((source, index) => {
    if (source.includes('\t') && /^\s*\t/.test(source)) throw new YamlSubsetError('tab indentation', index + 1);
    const content = stripComment(source);
    if (content.trim() === '' || (lines.length === 0 && content === '---')) return;
    if (content === '---' || content === '...') throw new YamlSubsetError('more than one document', index + 1);
    const indent = content.length - content.trimStart().length;
    lines.push({ number: index + 1, indent, text: content.trim() });
  });
  return new Reader(lines, raw).parse();
}
