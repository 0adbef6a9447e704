/**
 * Test support: checks an answer against the response the version's dereferenced document declares
 * for its status (media type and JSON Schema), with Ajv, so that "conforms to the spec" is decided by
 * the spec and not by the test.
 */
import { loadDocument, type SkeVersion } from '@scp-ske/spec';
import { Ajv2020 } from 'ajv/dist/2020.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
const PATH = '/v1/clusters/{cluster_id}/user-kubeconfig';

type MediaTypes = Record<string, { schema: object }>;

export async function conformanceProblems(version: SkeVersion, status: number, contentType: string, body: string) {
  const document = await loadDocument(version, 'dereferenced');
  const operation = document.paths[PATH]?.get as { responses: Record<string, { content: MediaTypes }> };
  const declared = operation.responses[String(status)];
  if (!declared) return [`status ${status} is not declared for ${version}`];
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
