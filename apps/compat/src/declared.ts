/**
 * The differences between versions the spec declares (`declaredDifferences` of @scp-ske/spec:
 * `x-scp-since`, `x-scp-required-since`, each with its strength and evidence), as the report uses
 * them: an operation a version does not have, an answer without the fields a later version adds, a
 * body the answering version refuses for a field a later version requires. Each explains a
 * difference from the reference version only when it accounts for all of it.
 */
import { type DeclaredDifference, describeDeclaredDifference } from '@scp-ske/spec';
import { answerOf, type Outcome, shapeOf } from './outcome.js';

type Json = Record<string, unknown>;
type Schema = { title?: string; properties?: Json; items?: unknown; oneOf?: unknown[]; anyOf?: unknown[] };

/** A declared difference as a reason: what, from which version, how sure and on what. */
export function declaredReason(difference: DeclaredDifference): string {
  const strength = difference.strength ?? 'strength not given';
  return `${describeDeclaredDifference(difference)} (${strength}: ${difference.evidence ?? 'no evidence given'})`;
}

/** The declaration that `operationId` is added after `version`, if there is one. */
export function absentOperation(
  declared: readonly DeclaredDifference[],
  operationId: string,
  version: string,
): DeclaredDifference | undefined {
  return declared.find(
    (one) => one.operation === operationId && one.change === 'added' && one.lacking.includes(version),
  );
}

/** The schema whose properties an object follows: itself, else its first `oneOf`/`anyOf` branch with properties. */
function objectSchema(schema: Schema | undefined): Schema | undefined {
  if (!schema || schema.properties) return schema;
  return [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].find(
    (branch): branch is Schema => (branch as Schema | undefined)?.properties !== undefined,
  );
}

/** Calls `visit` for each object of `value` with the schema it follows (through items and properties). */
function walk(value: unknown, schema: Schema | undefined, visit: (object: Json, schema: Schema) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, schema?.items as Schema | undefined, visit);
    return;
  }
  const owner = objectSchema(schema);
  if (value === null || typeof value !== 'object' || !owner?.properties) return;
  visit(value as Json, owner);
  for (const [key, item] of Object.entries(value)) walk(item, owner.properties[key] as Schema | undefined, visit);
}

/** The declared property `key` of `schema` that `version` lacks (added later), if it is one. */
const lackedProperty = (declared: readonly DeclaredDifference[], schema: Schema, key: string, version: string) =>
  declared.find(
    (one) =>
      one.change === 'added' && one.schema === schema.title && one.property === key && one.lacking.includes(version),
  );

/** A copy of an answer without the properties `version` lacks by declaration, and which they were. */
export function narrowAnswer(
  answer: unknown,
  schema: unknown,
  version: string,
  declared: readonly DeclaredDifference[],
): { answer: unknown; left: DeclaredDifference[] } {
  const copy = structuredClone(answer);
  const left = new Set<DeclaredDifference>();
  walk(copy, schema as Schema, (object, owner) => {
    for (const key of Object.keys(object)) {
      const lacked = lackedProperty(declared, owner, key, version);
      if (!lacked) continue;
      delete object[key];
      left.add(lacked);
    }
  });
  return { answer: copy, left: [...left] };
}

/**
 * Why `version`'s answer differs from the reference's, when it is exactly the reference's answer
 * without the fields declared as added after `version`; undefined otherwise.
 */
export function explainAnswer(
  outcome: Outcome,
  reference: Outcome,
  answerSchema: unknown,
  version: string,
  declared: readonly DeclaredDifference[],
): string | undefined {
  if (outcome.kind !== 'data' || reference.kind !== 'data') return undefined;
  if (outcome.status !== reference.status || outcome.answeredAs !== reference.answeredAs) return undefined;
  const answer = answerOf(reference);
  if (answer === undefined) return undefined;
  const narrowed = narrowAnswer(answer, answerSchema, version, declared);
  if (narrowed.left.length === 0 || shapeOf(narrowed.answer) !== outcome.summary) return undefined;
  return `ske ${version} answers without what later versions add: ${narrowed.left.map(declaredReason).join('; ')}`;
}

/** The properties `schema` requires that `value` leaves out, by schema title (through items and properties). */
export function missingRequired(value: unknown, schema: unknown): { schema?: string; property: string }[] {
  const missing: { schema?: string; property: string }[] = [];
  walk(value, schema as Schema, (object, owner) => {
    const required = (owner as { required?: unknown }).required;
    for (const name of Array.isArray(required) ? (required as string[]) : []) {
      if (!(name in object)) missing.push({ ...(owner.title && { schema: owner.title }), property: name });
    }
  });
  return missing;
}

/**
 * Why `version`'s request, answered as another version (`answeredAs`), is refused (400) where the
 * reference's succeeds: its body leaves out only fields the answering version's schema requires and
 * the spec declares as added, or required, after `version`; undefined otherwise.
 */
export function explainRefusedBody(
  outcome: Outcome,
  reference: Outcome,
  body: unknown,
  answeringSchema: unknown,
  version: string,
  declared: readonly DeclaredDifference[],
): string | undefined {
  if (outcome.kind !== 'api-error' || outcome.status !== 400) return undefined;
  if (reference.kind !== 'data' && reference.kind !== 'kubeconfig') return undefined;
  const missing = missingRequired(body, answeringSchema);
  const reasons = missing.map(({ schema, property }) =>
    declared.find((one) => one.schema === schema && one.property === property && one.lacking.includes(version)),
  );
  if (missing.length === 0 || reasons.some((reason) => reason === undefined)) return undefined;
  const answeredAs = reference.answeredAs ?? 'the answering version';
  return `ske ${version}'s body leaves out what ${answeredAs} requires: ${[...new Set(reasons as DeclaredDifference[])].map(declaredReason).join('; ')}`;
}
