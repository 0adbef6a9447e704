/**
 * Test support: checks an answer against the response the version's dereferenced document declares
 * for its operation and status (media type and JSON Schema), with Ajv, so that "conforms to the spec"
 * is decided by the spec and not by the test. The check is strict: an object may carry only the
 * properties its schema declares (as SCP's Go SDK decodes them), so an answer with a field of another
 * version does not conform.
 */
import { loadDocument, type OpenApiDocument, type SkeVersion } from '@scp-ske/spec';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv } from '../ajv.js';
import { closeSchema } from '../request-body.js';

const ajv = createAjv({ allErrors: true });
const USER_KUBECONFIG = '/v1/clusters/{cluster_id}/user-kubeconfig';

type MediaTypes = Record<string, { schema: object }>;
type Operation = { responses: Record<string, { content: MediaTypes }> };

const documents = new Map<string, Promise<OpenApiDocument>>();
const validators = new WeakMap<object, ValidateFunction>();

function documentOf(version: SkeVersion): Promise<OpenApiDocument> {
  let document = documents.get(version);
  if (!document) {
    document = loadDocument(version, 'dereferenced');
    documents.set(version, document);
  }
  return document;
}

function validatorOf(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(closeSchema(schema));
    validators.set(schema, validate);
  }
  return validate;
}

/** Problems of an answer to `<method> <pathTemplate>` (default: GET the user kubeconfig); none when it conforms. */
export async function conformanceProblems(
  version: SkeVersion | OpenApiDocument,
  status: number,
  contentType: string,
  body: string,
  pathTemplate = USER_KUBECONFIG,
  method = 'GET',
) {
  const document = typeof version === 'string' ? await documentOf(version) : version;
  const operation = document.paths[pathTemplate]?.[method.toLowerCase()] as Operation | undefined;
  if (!operation) return [`${method} ${pathTemplate} is not an operation of the document`];
  const declared = operation.responses[String(status)];
  if (!declared) return [`status ${status} is not declared for ${method} ${pathTemplate}`];
  const mediaType = contentType.split(';')[0]?.trim() ?? '';
  const content = declared.content[mediaType] ?? declared.content['*/*'];
  if (!content) return [`media type ${mediaType} is not declared for ${status}`];
  let value: unknown = body;
  if (mediaType === 'application/json') {
    try {
      value = JSON.parse(body);
    } catch {
      return ['the body is not JSON'];
    }
  }
  const validate = validatorOf(content.schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra = (error.params as { unevaluatedProperty?: string }).unevaluatedProperty;
    return `${error.instancePath} ${error.message}${extra === undefined ? '' : ` (${extra})`}`;
  });
}
