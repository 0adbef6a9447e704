/**
 * What only SCP's documents have, on top of the OpenAPI rules in spec-diff.ts:
 * - the version lifecycle (`info.x-scp-lifecycle`, copied onto every operation), state and Not Before
 *   judged together as lifecycle.ts does: the first day the version is no longer served moved earlier,
 *   or the version no longer served on the day judged (made PLANNED, or DEPRECATED with a Not Before
 *   that has arrived), breaks, and so does a Not Before moved earlier; a deprecation with a date still
 *   to come, another state or a later date does not. Between two different versions (`--from/--to`),
 *   each has its own lifecycle: informational;
 * - `info.x-scp-service-versions` (every version's lifecycle, in every document): informational;
 * - the `Scp-Api-Version` header, narrowed in each document to that document's version: a value that
 *   names the document's own version is informational, any other value breaks;
 * - `x-scp-action-id` (the IAM action a key needs): changed or removed breaks (a key granted the old
 *   action is refused); `x-scp-convenience` (a client method built on the operation): changed or
 *   removed breaks; `x-scp-access-level`, `x-scp-provenance`, `x-scp-example-request`: informational;
 * - the signing schemes (`components.securitySchemes`: `Scp-AccessKey`, `Scp-Signature`, …): a scheme
 *   removed, or its header, type or location changed, breaks every signed request;
 * - servers and regions (`servers[].variables.region`, `servers[].x-scp-regions`): a server, region or
 *   environment removed, or a default changed, breaks; one added does not.
 */
import { isServed, utcDay } from './lifecycle.js';
import { type Changes, compareRest, deepEqual, isObject, type Json, type Key, show } from './spec-diff-core.js';

const LIFECYCLE = 'x-scp-lifecycle';
const STATES = new Set(['PLANNED', 'CURRENT', 'SUPPORTED', 'DEPRECATED']);
const DAY_MS = 86_400_000;
const isDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/**
 * The first day a version is no longer served, by lifecycle.ts's rules (`isServed`, probed the day before its
 * Not Before and on it, the only day its verdict can change): `''` when it is served on no day (PLANNED), a
 * `YYYY-MM-DD` (DEPRECATED: its Not Before), or undefined when it is served on every day (and for a state that
 * is not SCP's). As strings, `''` sorts before every day and days sort as they come.
 */
function notServedFrom(lifecycle: Json): string | undefined {
  if (!STATES.has(lifecycle.state)) return undefined;
  const notBefore = isDay(lifecycle.notBefore) ? lifecycle.notBefore : null;
  const entry = { state: lifecycle.state, notBefore };
  if (!isServed(entry, new Date(notBefore === null ? 0 : Date.parse(notBefore) - DAY_MS))) return '';
  if (notBefore !== null && !isServed(entry, new Date(Date.parse(notBefore)))) return notBefore;
  return undefined;
}

/**
 * The lifecycle of one version, revision against revision: whether clients refuse it depends on its state and
 * Not Before together (lifecycle.ts), so both are judged through the first day it is no longer served. That
 * day moved earlier breaks, or set where there was none and already arrived (made PLANNED, or DEPRECATED with
 * a Not Before that has come, on `out.at`); set where there was none and still to come is a deprecation
 * announced (clients warn until then). A Not Before moved earlier breaks in any state: it is the date until
 * which support is promised.
 */
function compareLifecycle(out: Changes, before: Json, after: Json, path: readonly Key[], subject: string): void {
  if (deepEqual(before, after)) return;
  if (!out.sameVersion) {
    out.add(
      'informational',
      path,
      `${subject}: each version has its own lifecycle (${lifecycleText(before)} → ${lifecycleText(after)})`,
    );
    return;
  }
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const today = utcDay(out.at);
  const bEnd = notServedFrom(b);
  const aEnd = notServedFrom(a);
  const served = (end: string | undefined) => end === undefined || end > today;
  const cutShort = aEnd !== undefined && (bEnd === undefined ? aEnd <= today : aEnd < bEnd);
  const why =
    aEnd === ''
      ? 'a PLANNED version is not served'
      : aEnd !== undefined && aEnd <= today
        ? `not served from ${aEnd}, a day that has arrived: clients refuse it`
        : `no longer served from ${aEnd}, before ${bEnd}: served for less time than promised`;
  if (b.state !== a.state) {
    const where = [...path, 'state'];
    const change = `${subject}: state ${b.state} → ${a.state}`;
    if (cutShort) out.add('breaking', where, `${change} (${why})`);
    else if (a.state === 'DEPRECATED' && served(aEnd))
      out.add('non-breaking', where, `${change} (clients warn; it is still served)`);
    else out.add('non-breaking', where, `${change}${!served(bEnd) && served(aEnd) ? ' (it is now served)' : ''}`);
  }
  if (b.notBefore !== a.notBefore) {
    const where = [...path, 'notBefore'];
    if (cutShort && b.state === a.state)
      out.add('breaking', where, `${subject}: Not Before ${b.notBefore ?? 'none'} → ${a.notBefore} (${why})`);
    else if (isDay(b.notBefore) && isDay(a.notBefore) && a.notBefore < b.notBefore)
      out.add(
        'breaking',
        where,
        `${subject}: Not Before moved earlier, ${b.notBefore} → ${a.notBefore} (served for less time than promised)`,
      );
    else if (!b.notBefore)
      out.add(
        'non-breaking',
        where,
        `${subject}: Not Before date set: ${a.notBefore}${a.state === 'SUPPORTED' ? ' (clients warn from then)' : a.state !== 'DEPRECATED' ? '' : served(aEnd) ? ' (served until then; clients warn)' : ' (a day that has arrived)'}`,
      );
    else out.add('non-breaking', where, `${subject}: Not Before ${b.notBefore} → ${a.notBefore ?? 'none'}`);
  }
  compareRest(out, b, a, path, new Set(['state', 'notBefore']), subject);
}

const lifecycleText = (lifecycle: Json) =>
  isObject(lifecycle)
    ? `${lifecycle.apiVersion} ${lifecycle.state}${lifecycle.notBefore ? ` ${lifecycle.notBefore}` : ''}`
    : 'none';

export function compareInfo(out: Changes, before: Json, after: Json, path: readonly Key[]): void {
  compareLifecycle(out, before[LIFECYCLE], after[LIFECYCLE], [...path, LIFECYCLE], 'the version’s lifecycle');
  if (!deepEqual(before['x-scp-service-versions'], after['x-scp-service-versions']))
    out.add(
      'informational',
      [...path, 'x-scp-service-versions'],
      'the service’s version list changed (each version’s own document carries its lifecycle)',
    );
  if (before.version !== after.version)
    out.add('informational', [...path, 'version'], `API version ${show(before.version)} → ${show(after.version)}`);
  // The rest of info (title, summary, description, contact, license) documents.
  const rest = new Set([LIFECYCLE, 'x-scp-service-versions', 'version']);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (rest.has(key) || deepEqual(before[key], after[key])) continue;
    out.add('informational', [...path, key], `info.${key} changed`);
  }
}

/** The version a document describes, as its `Scp-Api-Version` value (`ske 1.3`). */
function apiVersionOf(document: Json): string | undefined {
  return (
    document?.info?.[LIFECYCLE]?.apiVersion ?? (document?.info?.version ? `ske ${document.info.version}` : undefined)
  );
}

export const isVersionHeader = (parameter: Json) =>
  parameter?.in === 'header' && String(parameter?.name).toLowerCase() === 'scp-api-version';

/**
 * The `Scp-Api-Version` parameter's value (its schema's `const`/`enum` and its example): naming the
 * document's own version is informational; anything else breaks. Returns the keys it judged.
 */
export function compareVersionHeader(out: Changes, before: Json, after: Json, path: readonly Key[]): string[] {
  const own = apiVersionOf(out.after);
  const values = (parameter: Json): unknown[] =>
    parameter?.schema?.enum ?? (parameter?.schema?.const !== undefined ? [parameter.schema.const] : []);
  const bValues = values(before);
  const aValues = values(after);
  const { const: _bc, enum: _be, ...bSchema } = before.schema ?? {};
  const { const: _ac, enum: _ae, ...aSchema } = after.schema ?? {};
  if (!deepEqual(bValues, aValues)) {
    const where = [...path, 'schema', after.schema?.const !== undefined ? 'const' : 'enum'];
    if (aValues.length === 1 && aValues[0] === own)
      out.add('informational', where, `Scp-Api-Version names this document’s version: ${show(own)}`);
    else
      out.add(
        'breaking',
        where,
        `Scp-Api-Version ${bValues.map(show).join(', ')} → ${aValues.map(show).join(', ')}, not this document’s version ${show(own)} (requests name another version)`,
      );
  }
  if (!deepEqual(bSchema, aSchema))
    out.add('breaking', [...path, 'schema'], 'Scp-Api-Version schema changed (beyond the version it names)');
  if (!deepEqual(before.example, after.example))
    out.add(
      'informational',
      [...path, 'example'],
      `Scp-Api-Version example ${show(before.example)} → ${show(after.example)}`,
    );
  return ['schema', 'example'];
}

/** `x-scp-*` keys of an operation; returns whether it judged `key`. */
export function compareScpOperationExtension(
  out: Changes,
  key: string,
  before: Json,
  after: Json,
  path: readonly Key[],
  subject: string,
): boolean {
  const b = before[key];
  const a = after[key];
  switch (key) {
    case LIFECYCLE: {
      // A copy of the version's lifecycle: judged once, at info.x-scp-lifecycle.
      const copies = deepEqual(b, out.before.info?.[LIFECYCLE]) && deepEqual(a, out.after.info?.[LIFECYCLE]);
      if (copies && !deepEqual(b, a)) out.add('informational', path, `${subject}: lifecycle, as the version’s`);
      else compareLifecycle(out, b, a, path, `${subject}: lifecycle`);
      return true;
    }
    case 'x-scp-action-id':
      if (deepEqual(b, a)) return true;
      if (b === undefined) out.add('non-breaking', path, `${subject}: IAM action ${show(a)} named`);
      else
        out.add(
          'breaking',
          path,
          `${subject}: IAM action ${show(b)} → ${show(a)} (a key granted the old action is refused)`,
        );
      return true;
    case 'x-scp-convenience':
      if (deepEqual(b, a)) return true;
      if (b === undefined) out.add('non-breaking', path, `${subject}: client method ${show(a)} added`);
      else
        out.add(
          'breaking',
          path,
          `${subject}: client method ${show(b)} ${a === undefined ? 'removed' : `→ ${show(a)}`} (code that calls it no longer compiles)`,
        );
      return true;
    default:
      return false; // x-scp-access-level, x-scp-provenance, x-scp-example-request: informational (any x-)
  }
}

/** What a security scheme is: any of these changed, a request signed as before is refused. */
const SCHEME_KEYS = ['type', 'in', 'name', 'scheme', 'bearerFormat', 'flows', 'openIdConnectUrl'];

/** The signing schemes: every SKE request is signed with these headers. */
export function compareSecuritySchemes(
  out: Changes,
  before: Record<string, Json>,
  after: Record<string, Json>,
  path: readonly Key[],
): void {
  for (const [name, scheme] of Object.entries(before)) {
    const where = [...path, name];
    const now = after[name];
    if (now === undefined) {
      out.add('breaking', where, `security scheme ${name} removed (requests that use it are refused)`);
      continue;
    }
    for (const key of SCHEME_KEYS)
      if (!deepEqual(scheme[key], now[key]))
        out.add(
          'breaking',
          [...where, key],
          `security scheme ${name}: ${key} ${show(scheme[key])} → ${show(now[key])} (a request signed as before is refused)`,
        );
    compareRest(out, scheme, now, where, new Set(SCHEME_KEYS), `security scheme ${name}`);
  }
  for (const name of Object.keys(after))
    if (!(name in before)) out.add('informational', [...path, name], `security scheme ${name} defined`);
}

/**
 * Servers by URL; their variables (environment, region) and `x-scp-regions`. `path` is where the later
 * list is, `beforePath` where the earlier one is (a server removed points there); `subject` (an operation,
 * a path) starts each message when the lists are not the document's own.
 */
export function compareServers(
  out: Changes,
  before: Json,
  after: Json,
  path: readonly Key[],
  { beforePath = path, subject = '' }: { beforePath?: readonly Key[]; subject?: string } = {},
): void {
  const prefix = subject ? `${subject}: ` : '';
  const b: Json[] = Array.isArray(before) ? before : [];
  const a: Json[] = Array.isArray(after) ? after : [];
  if (deepEqual(b, a)) return;
  b.forEach((server, index) => {
    if (!a.some((candidate) => candidate?.url === server?.url))
      out.add(
        'breaking',
        [...beforePath, index],
        `${prefix}server ${server?.url} removed (consumers that call it are left without it)`,
      );
  });
  a.forEach((server, index) => {
    const old = b.find((candidate) => candidate?.url === server?.url);
    const where = [...path, index];
    if (!old) {
      out.add('non-breaking', where, `${prefix}server ${server?.url} added`);
      return;
    }
    const variables = [...where, 'variables'];
    compareVariables(out, old.variables ?? {}, server.variables ?? {}, variables, server.url, prefix);
    compareRegions(out, old['x-scp-regions'] ?? {}, server['x-scp-regions'] ?? {}, [...where, 'x-scp-regions'], prefix);
    compareRest(
      out,
      old,
      server,
      where,
      new Set(['url', 'variables', 'x-scp-regions']),
      `${prefix}server ${server.url}`,
    );
  });
}

function compareVariables(
  out: Changes,
  before: Record<string, Json>,
  after: Record<string, Json>,
  path: readonly Key[],
  url: string,
  prefix: string,
): void {
  for (const [name, variable] of Object.entries(after)) {
    const old = before[name];
    const where = [...path, name];
    if (old === undefined) {
      out.add('breaking', where, `${prefix}server ${url}: variable ${name} added`);
      continue;
    }
    const bEnum: unknown[] = old.enum ?? [];
    const aEnum: unknown[] = variable.enum ?? [];
    bEnum.forEach((value, index) => {
      if (!aEnum.includes(value))
        out.add(
          'breaking',
          [...where, 'enum', index],
          `${prefix}${name} ${show(value)} removed (consumers that use it are left without it)`,
        );
    });
    aEnum.forEach((value, index) => {
      if (!bEnum.includes(value))
        out.add('non-breaking', [...where, 'enum', index], `${prefix}${name} ${show(value)} added`);
    });
    if (!deepEqual(old.default, variable.default))
      out.add(
        'breaking',
        [...where, 'default'],
        `${prefix}${name} default ${show(old.default)} → ${show(variable.default)} (a client that does not choose goes elsewhere)`,
      );
    compareRest(out, old, variable, where, new Set(['enum', 'default']), `${prefix}server variable ${name}`);
  }
  for (const name of Object.keys(before))
    if (!(name in after)) out.add('breaking', [...path, name], `${prefix}server ${url}: variable ${name} removed`);
}

/** `x-scp-regions`: each environment's regions. */
function compareRegions(out: Changes, before: Json, after: Json, path: readonly Key[], prefix: string): void {
  for (const [environment, regions] of Object.entries<Json>(before)) {
    const now: unknown[] | undefined = after[environment];
    if (now === undefined) {
      out.add('breaking', [...path, environment], `${prefix}environment ${environment} removed (with its regions)`);
      continue;
    }
    (regions as unknown[]).forEach((region, index) => {
      if (!now.includes(region))
        out.add(
          'breaking',
          [...path, environment, index],
          `${prefix}region ${show(region)} no longer offered in environment ${environment}`,
        );
    });
  }
  for (const [environment, regions] of Object.entries<Json>(after)) {
    const old: unknown[] | undefined = before[environment];
    if (old === undefined) {
      out.add('non-breaking', [...path, environment], `${prefix}environment ${environment} added`);
      continue;
    }
    (regions as unknown[]).forEach((region, index) => {
      if (!old.includes(region))
        out.add(
          'non-breaking',
          [...path, environment, index],
          `${prefix}region ${show(region)} added in environment ${environment}`,
        );
    });
  }
}
