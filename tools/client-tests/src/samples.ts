/**
 * What the suite calls an operation with: its required arguments and its request body, with the values
 * of the spec's examples (read from the version's dereferenced document, as the README's examples are),
 * by key for the client's method and by wire name for openapi-fetch; and a wide input for the signature case.
 */
import type { ArgumentSchema, OperationSpec, ParameterSpec } from '@scp-ske/client';
import type { OpenApiDocument } from '@scp-ske/spec';

interface DocumentParameter {
  name: string;
  in: string;
  example?: unknown;
  schema?: { example?: unknown };
}

interface DocumentOperation {
  parameters?: DocumentParameter[];
  requestBody?: { content: Record<string, { example?: unknown }> };
}

type PathItem = { parameters?: DocumentParameter[] } & Partial<Record<string, DocumentOperation>>;

const documented = (document: OpenApiDocument, operation: OperationSpec) => {
  const item = document.paths[operation.path] as PathItem | undefined;
  return { item, own: item?.[operation.method.toLowerCase()] };
};

/** The spec's example of one argument: the parameter's own, else its schema's. */
export function exampleOf(document: OpenApiDocument, operation: OperationSpec, parameter: ParameterSpec): unknown {
  const { item, own } = documented(document, operation);
  const declared = [...(item?.parameters ?? []), ...(own?.parameters ?? [])];
  const described = declared.find((candidate) => candidate.name === parameter.name && candidate.in === parameter.in);
  return described?.example ?? described?.schema?.example;
}

/** The example of the operation's request body in this version's document (undefined without a body). */
export function bodyExample(document: OpenApiDocument, operation: OperationSpec): unknown {
  if (!operation.body) return undefined;
  return documented(document, operation).own?.requestBody?.content[operation.body.contentType]?.example;
}

const requiredOf = (operation: OperationSpec) => operation.parameters.filter((parameter) => parameter.required);

/** The required arguments as the client's method takes them, the request body as `body`: `{ clusterId: …, body: … }`. */
export function sampleInput(document: OpenApiDocument, operation: OperationSpec): Record<string, unknown> {
  const body = bodyExample(document, operation);
  return {
    ...Object.fromEntries(
      requiredOf(operation).map((parameter) => [parameter.key, exampleOf(document, operation, parameter)]),
    ),
    ...(body !== undefined && { body }),
  };
}

/** The required arguments as openapi-fetch takes them: `{ path: { cluster_id: … }, query: { … } }`. */
export function rawParams(
  document: OpenApiDocument,
  operation: OperationSpec,
): Record<string, Record<string, unknown>> {
  const params: Record<string, Record<string, unknown>> = {};
  for (const parameter of requiredOf(operation)) {
    params[parameter.in] = { ...params[parameter.in], [parameter.name]: exampleOf(document, operation, parameter) };
  }
  return params;
}

const optionsOf = (schema: ArgumentSchema): readonly ArgumentSchema[] => schema.anyOf ?? schema.oneOf ?? [schema];
const types = (schema: ArgumentSchema): readonly unknown[] => [schema.type ?? []].flat();
const takesFreeText = (schema: ArgumentSchema): boolean =>
  optionsOf(schema).some((option) => types(option).includes('string') && !option.pattern && !option.enum);
const takesTextArray = (schema: ArgumentSchema): boolean =>
  optionsOf(schema).some((option) => types(option).includes('array') && takesFreeText(option.items ?? {}));

/**
 * The required arguments plus every optional free-text query argument, with spaces and non-ASCII
 * characters (arrays of them where the schema allows): a URL whose encoding the signature must cover.
 * Undefined when the operation has no such argument.
 */
export function wideInput(document: OpenApiDocument, operation: OperationSpec): Record<string, unknown> | undefined {
  const input = sampleInput(document, operation);
  let widened = false;
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'query' || parameter.required) continue;
    if (takesTextArray(parameter.schema)) input[parameter.key] = ['a b', 'ü/&=', 'x'];
    else if (takesFreeText(parameter.schema)) input[parameter.key] = 'a b ü';
    else continue;
    widened = true;
  }
  return widened ? input : undefined;
}
