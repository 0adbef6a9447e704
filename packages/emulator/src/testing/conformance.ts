/**
 * Test support: checks an answer against the response the version's dereferenced document declares
 * for its operation and status (media type and JSON Schema), with Ajv, so that "conforms to the spec"
 * is decided by the spec and not by the test.
 */
import { loadDocument, type OpenApiDocument, type SkeVersion } from '@scp-ske/spec';
import { createAjv } from '../ajv.js';

const ajv = createAjv({ allErrors: true });
const USER_KUBECONFIG = '/v1/clusters/{cluster_id}/user-kubeconfig';

type MediaTypes = Record<string, { schema: object }>;
type Operation = { responses: Record<string, { content: MediaTypes }> };

/** Problems of an answer to `GET <pathTemplate>` (default: the user kubeconfig); none when it conforms. */
export async function conformanceProblems(
  version: SkeVersion | OpenApiDocument,
  status: number,
  contentType: string,
  body: string,
  pathTemplate = USER_KUBECONFIG,
) {
  const document = typeof version === 'string' ? await loadDocument(version, 'dereferenced') : version;
  const operation = document.paths[pathTemplate]?.get as Operation | undefined;
  if (!operation) return [`GET ${pathTemplate} is not an operation of the document`];
  const declared = operation.responses[String(status)];
  if (!declared) return [`status ${status} is not declared for GET ${pathTemplate}`];
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
  const validate = ajv.compile(content.schema);
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
