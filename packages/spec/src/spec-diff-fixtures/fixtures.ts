/**
 * The spec-diff fixtures: small before/after pairs, each with the severity SCP expects for it. Each
 * document is a copy of `base.json` (a small SKE-shaped document): "before" with the fixture's
 * `before` edit if it has one, "after" with its `after` edit (so a removal can run either way). `pointer` is where the deciding change is, in the
 * dereferenced form of the document (the differ reads through `$ref`s).
 *
 * These decide the differ's rules (see spec-diff.ts and the README): spec-diff.test.ts runs each one
 * through `diffSpecs` and through api-smart-diff alone, and counts where the two agree.
 */
import { readFileSync } from 'node:fs';
import type { ChangeSeverity } from '../spec-diff.js';

// biome-ignore lint/suspicious/noExplicitAny: fixtures edit plain JSON documents.
export type Doc = any;

export interface SpecDiffFixture {
  id: string;
  /** The category of change it covers, or what else it pins down. */
  title: string;
  expected: ChangeSeverity;
  /** Where the deciding change is (a JSON pointer into the dereferenced document, `#/…`). */
  pointer: string;
  /** When set, what the deciding change's message says. */
  message?: RegExp;
  /** The edit that makes the "after" document (applied to a copy of base.json). */
  after: (doc: Doc) => void;
  /** When set, the "before" document is base.json with this edit (else base.json as it is). */
  before?: (doc: Doc) => void;
}

export const base: Doc = JSON.parse(readFileSync(new URL('./base.json', import.meta.url), 'utf8'));

/** The day the fixtures are judged on (whether a version is still served): 2025-01-01 has passed, 2027 is to come. */
export const FIXTURES_AT = new Date('2026-06-01T12:00:00Z');

const LIST = '/v1/clusters';
const SHOW = '/v1/clusters/{cluster_id}';
const KUBECONFIG = '/v1/clusters/{cluster_id}/user-kubeconfig';
const ptr = (...keys: (string | number)[]) =>
  `#/${keys.map((key) => String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
const op = (doc: Doc, path: string, method: string) => doc.paths[path][method];
const schema = (doc: Doc, name: string) => doc.components.schemas[name];
const param = (doc: Doc, name: string) => doc.components.parameters[name];
const prop = (doc: Doc, name: string, property: string) => schema(doc, name).properties[property];
const withoutItem = (list: unknown[], item: unknown) => list.filter((one) => one !== item);
/** The version's lifecycle, in `info` and its copy on every operation. */
const setLifecycle = (doc: Doc, lifecycle: { state?: string; notBefore?: string | null }) => {
  Object.assign(doc.info['x-scp-lifecycle'], lifecycle);
  for (const item of Object.values(doc.paths) as Doc[])
    for (const operation of Object.values(item) as Doc[]) Object.assign(operation['x-scp-lifecycle'], lifecycle);
};
/** Every request to the operation signed with these headers. */
const SIGNED = { ScpAccessKey: [], ScpSignature: [], ScpTimestamp: [], ScpClientType: [] };
const deleteCluster = () => ({
  operationId: 'deleteCluster',
  'x-scp-action-id': 'ske:DeleteCluster',
  security: [SIGNED],
  parameters: [{ $ref: '#/components/parameters/ClusterId' }],
  responses: { '202': { description: 'Accepted.' } },
});

/** Pointers used more than once. */
const CREATE_BODY = ['paths', LIST, 'post', 'requestBody', 'content', 'application/json', 'schema'] as const;
const SHOW_BODY = ['paths', SHOW, 'get', 'responses', '200', 'content', 'application/json', 'schema'] as const;

export const fixtures: SpecDiffFixture[] = [
  // Operations and paths
  {
    id: '01-operation-removed',
    title: 'operation removed',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'post'),
    after: (doc) => delete doc.paths[LIST].post,
  },
  {
    id: '02-path-removed',
    title: 'path removed',
    expected: 'breaking',
    pointer: ptr('paths', KUBECONFIG),
    after: (doc) => delete doc.paths[KUBECONFIG],
  },
  {
    id: '03-operation-added',
    title: 'operation added',
    expected: 'non-breaking',
    pointer: ptr('paths', SHOW, 'delete'),
    after: (doc) => {
      doc.paths[SHOW].delete = {
        operationId: 'deleteCluster',
        summary: 'Delete Cluster',
        'x-scp-action-id': 'ske:DeleteCluster',
        parameters: [{ $ref: '#/components/parameters/ClusterId' }],
        responses: { '202': { description: 'Accepted.' } },
      };
    },
  },
  {
    id: '04-path-added',
    title: 'path added',
    expected: 'non-breaking',
    pointer: ptr('paths', '/v1/kubernetes-versions'),
    after: (doc) => {
      doc.paths['/v1/kubernetes-versions'] = {
        get: {
          operationId: 'listKubernetesVersions',
          'x-scp-action-id': 'ske:ListKubernetesVersions',
          responses: { '200': { description: 'OK.', content: { 'application/json': { schema: { type: 'array' } } } } },
        },
      };
    },
  },
  {
    id: '05-operation-id-changed',
    title: 'operationId changed (the generated client method is named by it)',
    expected: 'breaking',
    pointer: ptr('paths', SHOW, 'get', 'operationId'),
    after: (doc) => {
      op(doc, SHOW, 'get').operationId = 'getCluster';
    },
  },

  // Parameters
  {
    id: '06-required-parameter-added',
    title: 'required parameter added',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 3),
    after: (doc) => {
      op(doc, LIST, 'get').parameters.push({
        name: 'region_id',
        in: 'query',
        required: true,
        schema: { type: 'string' },
      });
    },
  },
  {
    id: '07-optional-parameter-added',
    title: 'optional parameter added',
    expected: 'non-breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 3),
    after: (doc) => {
      op(doc, LIST, 'get').parameters.push({ name: 'subnet_id', in: 'query', schema: { type: 'string' } });
    },
  },
  {
    id: '08-optional-parameter-made-required',
    title: 'optional parameter made required',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 0, 'required'),
    after: (doc) => {
      param(doc, 'Size').required = true;
    },
  },
  {
    id: '09-required-parameter-made-optional',
    title: 'required parameter made optional',
    expected: 'non-breaking',
    pointer: ptr('paths', KUBECONFIG, 'get', 'parameters', 1, 'required'),
    after: (doc) => {
      op(doc, KUBECONFIG, 'get').parameters[1].required = false;
    },
  },
  {
    id: '10-optional-parameter-removed',
    title: 'optional parameter removed',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 1),
    after: (doc) => {
      op(doc, LIST, 'get').parameters.splice(1, 1);
    },
  },
  {
    id: '11-request-enum-value-removed',
    title: 'request enum value removed (parameter)',
    expected: 'breaking',
    pointer: ptr('paths', KUBECONFIG, 'get', 'parameters', 1, 'schema', 'enum', 1),
    after: (doc) => {
      op(doc, KUBECONFIG, 'get').parameters[1].schema.enum = ['private'];
    },
  },
  {
    id: '12-request-enum-value-added',
    title: 'request enum value added (parameter)',
    expected: 'non-breaking',
    pointer: ptr('paths', KUBECONFIG, 'get', 'parameters', 1, 'schema', 'enum', 2),
    after: (doc) => {
      op(doc, KUBECONFIG, 'get').parameters[1].schema.enum.push('admin');
    },
  },
  {
    id: '13-parameter-type-changed',
    title: 'parameter type changed',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 0, 'schema', 'type'),
    after: (doc) => {
      param(doc, 'Size').schema = { type: 'string', default: '20' };
    },
  },
  {
    id: '14-parameter-pattern-tightened',
    title: 'pattern tightened (parameter)',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 1, 'schema', 'pattern'),
    after: (doc) => {
      param(doc, 'ClusterNameFilter').schema.pattern = '^[a-z]*$';
    },
  },
  {
    id: '15-parameter-pattern-loosened',
    title: 'pattern loosened (parameter: a wider character class)',
    expected: 'non-breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 1, 'schema', 'pattern'),
    after: (doc) => {
      param(doc, 'ClusterNameFilter').schema.pattern = '^[a-zA-Z0-9_-]*$';
    },
  },
  {
    id: '16-parameter-pattern-removed',
    title: 'pattern loosened (parameter: pattern removed)',
    expected: 'non-breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 1, 'schema', 'pattern'),
    after: (doc) => delete param(doc, 'ClusterNameFilter').schema.pattern,
  },
  {
    id: '17-parameter-pattern-added',
    title: 'pattern tightened (parameter: a pattern where there was none)',
    expected: 'breaking',
    pointer: ptr('paths', KUBECONFIG, 'get', 'parameters', 0, 'schema', 'pattern'),
    before: (doc) => delete schema(doc, 'ClusterId').pattern,
    after: () => {},
  },
  {
    id: '18-parameter-maximum-lowered',
    title: 'maximum lowered (parameter)',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 0, 'schema', 'maximum'),
    after: (doc) => {
      param(doc, 'Size').schema.maximum = 50;
    },
  },
  {
    id: '19-parameter-default-changed',
    title: 'parameter default changed (what an omitted parameter means)',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 0, 'schema', 'default'),
    after: (doc) => {
      param(doc, 'Size').schema.default = 10;
    },
  },

  // Request bodies
  {
    id: '20-request-property-made-required',
    title: 'request property made required',
    expected: 'breaking',
    pointer: ptr(...CREATE_BODY, 'required', 2),
    after: (doc) => {
      schema(doc, 'ClusterCreateRequest').required.push('node_count');
    },
  },
  {
    id: '21-request-property-added-optional',
    title: 'optional request property added',
    expected: 'non-breaking',
    pointer: ptr(...CREATE_BODY, 'properties', 'subnet_id'),
    after: (doc) => {
      schema(doc, 'ClusterCreateRequest').properties.subnet_id = { type: 'string' };
    },
  },
  {
    id: '22-request-property-added-required',
    title: 'required request property added',
    expected: 'breaking',
    pointer: ptr(...CREATE_BODY, 'required', 2),
    after: (doc) => {
      const request = schema(doc, 'ClusterCreateRequest');
      request.properties.subnet_id = { type: 'string' };
      request.required.push('subnet_id');
    },
  },
  {
    id: '23-request-max-length-lowered',
    title: 'max length lowered (request property)',
    expected: 'breaking',
    pointer: ptr(...CREATE_BODY, 'properties', 'name', 'maxLength'),
    after: (doc) => {
      prop(doc, 'ClusterCreateRequest', 'name').maxLength = 20;
    },
  },
  {
    id: '24-request-max-length-raised',
    title: 'max length raised (request property)',
    expected: 'non-breaking',
    pointer: ptr(...CREATE_BODY, 'properties', 'name', 'maxLength'),
    after: (doc) => {
      prop(doc, 'ClusterCreateRequest', 'name').maxLength = 63;
    },
  },
  {
    id: '25-request-body-enum-value-removed',
    title: 'request enum value removed (body property)',
    expected: 'breaking',
    pointer: ptr(...CREATE_BODY, 'properties', 'kubernetes_version', 'enum', 0),
    after: (doc) => {
      prop(doc, 'ClusterCreateRequest', 'kubernetes_version').enum = ['v1.30.4'];
    },
  },
  {
    id: '26-request-body-enum-value-added',
    title: 'request enum value added (body property)',
    expected: 'non-breaking',
    pointer: ptr(...CREATE_BODY, 'properties', 'kubernetes_version', 'enum', 2),
    after: (doc) => {
      prop(doc, 'ClusterCreateRequest', 'kubernetes_version').enum.push('v1.31.1');
    },
  },
  {
    id: '27-request-property-type-changed',
    title: 'property type changed (request)',
    expected: 'breaking',
    pointer: ptr(...CREATE_BODY, 'properties', 'node_count', 'type'),
    after: (doc) => {
      schema(doc, 'ClusterCreateRequest').properties.node_count = { type: 'string' };
    },
  },
  {
    id: '28-request-minimum-raised',
    title: 'minimum raised (request property)',
    expected: 'breaking',
    pointer: ptr(...CREATE_BODY, 'properties', 'node_count', 'minimum'),
    after: (doc) => {
      prop(doc, 'ClusterCreateRequest', 'node_count').minimum = 3;
    },
  },
  {
    id: '29-request-property-removed',
    title: 'request property removed',
    expected: 'breaking',
    pointer: ptr(...CREATE_BODY, 'properties', 'description'),
    after: (doc) => delete schema(doc, 'ClusterCreateRequest').properties.description,
  },
  {
    id: '30-request-body-made-required',
    title: 'request body made required',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'post', 'requestBody', 'required'),
    before: (doc) => {
      op(doc, LIST, 'post').requestBody.required = false;
    },
    after: () => {},
  },
  {
    id: '31-request-content-type-changed',
    title: 'request content type changed',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'post', 'requestBody', 'content', 'application/json'),
    after: (doc) => {
      const content = op(doc, LIST, 'post').requestBody.content;
      content['application/x-www-form-urlencoded'] = content['application/json'];
      delete content['application/json'];
    },
  },

  // Responses
  {
    id: '32-success-status-changed',
    title: 'success status changed',
    expected: 'breaking',
    pointer: ptr('paths', SHOW, 'get', 'responses', '200'),
    after: (doc) => {
      const responses = op(doc, SHOW, 'get').responses;
      responses['203'] = responses['200'];
      delete responses['200'];
    },
  },
  {
    id: '33-success-content-type-changed',
    title: 'success content type changed',
    expected: 'breaking',
    pointer: ptr('paths', KUBECONFIG, 'get', 'responses', '200', 'content', 'application/yaml'),
    after: (doc) => {
      op(doc, KUBECONFIG, 'get').responses['200'].content = { 'text/plain': { schema: { type: 'string' } } };
    },
  },
  {
    id: '34-error-status-added',
    title: 'error response added',
    expected: 'non-breaking',
    pointer: ptr('paths', SHOW, 'get', 'responses', '429'),
    after: (doc) => {
      op(doc, SHOW, 'get').responses['429'] = { $ref: '#/components/responses/BadRequest' };
    },
  },
  {
    id: '35-response-property-removed',
    title: 'response property removed',
    expected: 'breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'node_count'),
    after: (doc) => delete schema(doc, 'ClusterSummary').properties.node_count,
  },
  {
    id: '36-response-property-made-optional',
    title: 'response property made optional',
    expected: 'breaking',
    pointer: ptr(...SHOW_BODY, 'required', 3),
    after: (doc) => {
      const summary = schema(doc, 'ClusterSummary');
      summary.required = withoutItem(summary.required, 'kubernetes_version');
    },
  },
  {
    id: '37-response-property-made-nullable',
    title: 'response property made nullable',
    expected: 'breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'kubernetes_version', 'type'),
    after: (doc) => {
      prop(doc, 'ClusterSummary', 'kubernetes_version').type = ['string', 'null'];
    },
  },
  {
    id: '38-response-property-added',
    title: 'response property added',
    expected: 'non-breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'created_at'),
    after: (doc) => {
      schema(doc, 'ClusterSummary').properties.created_at = { type: 'string', format: 'date-time' };
    },
  },
  {
    id: '39-response-enum-value-added',
    title: 'response enum value added (exhaustive switches over it break)',
    expected: 'breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'status', 'enum', 4),
    after: (doc) => {
      prop(doc, 'ClusterSummary', 'status').enum.push('UPGRADING');
    },
  },
  {
    id: '40-response-enum-value-removed',
    title: 'response enum value removed',
    expected: 'non-breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'status', 'enum', 3),
    after: (doc) => {
      prop(doc, 'ClusterSummary', 'status').enum.pop();
    },
  },
  {
    id: '41-response-property-made-required',
    title: 'response property made required',
    expected: 'non-breaking',
    pointer: ptr(...SHOW_BODY, 'required', 4),
    after: (doc) => {
      schema(doc, 'ClusterSummary').required.push('node_count');
    },
  },
  {
    id: '42-response-property-type-changed',
    title: 'property type changed (response)',
    expected: 'breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'node_count', 'type'),
    after: (doc) => {
      prop(doc, 'ClusterSummary', 'node_count').type = 'string';
    },
  },
  {
    id: '43-response-property-nullable-removed',
    title: 'response property no longer nullable',
    expected: 'non-breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'subnet_id', 'type'),
    after: (doc) => {
      prop(doc, 'ClusterSummary', 'subnet_id').type = 'string';
    },
  },
  {
    id: '44-response-max-length-lowered',
    title: 'max length lowered (response property)',
    expected: 'non-breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'name', 'maxLength'),
    after: (doc) => {
      prop(doc, 'ClusterSummary', 'name').maxLength = 20;
    },
  },
  {
    id: '45-response-pattern-tightened',
    title: 'pattern tightened (response: a pattern where there was none)',
    expected: 'non-breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'name', 'pattern'),
    after: (doc) => {
      prop(doc, 'ClusterSummary', 'name').pattern = '^[a-z][a-z0-9-]*$';
    },
  },

  // Security and signing
  {
    id: '46-security-requirement-added',
    title: 'security requirement added',
    expected: 'breaking',
    pointer: ptr('paths', SHOW, 'get', 'security', 0, 'ScpAccountId'),
    after: (doc) => {
      op(doc, SHOW, 'get').security[0].ScpAccountId = [];
    },
  },
  {
    id: '47-security-requirement-removed',
    title: 'security requirement removed',
    expected: 'non-breaking',
    pointer: ptr('paths', SHOW, 'get', 'security', 0, 'ScpClientType'),
    after: (doc) => delete op(doc, SHOW, 'get').security[0].ScpClientType,
  },
  {
    id: '48-signing-header-renamed',
    title: 'signing scheme changed (its header renamed)',
    expected: 'breaking',
    pointer: ptr('components', 'securitySchemes', 'ScpSignature', 'name'),
    after: (doc) => {
      doc.components.securitySchemes.ScpSignature.name = 'X-Scp-Signature';
    },
  },
  {
    id: '49-signing-scheme-described',
    title: 'signing scheme description edited',
    expected: 'informational',
    pointer: ptr('components', 'securitySchemes', 'ScpSignature', 'description'),
    after: (doc) => {
      doc.components.securitySchemes.ScpSignature.description += ' The timestamp is in milliseconds.';
    },
  },

  // Servers and regions
  {
    id: '50-server-removed',
    title: 'server removed',
    expected: 'breaking',
    pointer: ptr('servers', 1),
    before: (doc) => {
      doc.servers.push({ url: 'https://ske.kr-west1.e.samsungsdscloud.com', description: 'Environment e' });
    },
    after: () => {},
  },
  {
    id: '51-region-removed',
    title: 'region removed (server variable)',
    expected: 'breaking',
    pointer: ptr('servers', 0, 'variables', 'region', 'enum', 2),
    after: (doc) => {
      const region = doc.servers[0].variables.region;
      region.enum = withoutItem(region.enum, 'kr-south1');
      doc.servers[0]['x-scp-regions'].g = [];
    },
  },
  {
    id: '52-region-added',
    title: 'region added (server variable and x-scp-regions)',
    expected: 'non-breaking',
    pointer: ptr('servers', 0, 'variables', 'region', 'enum', 3),
    after: (doc) => {
      doc.servers[0].variables.region.enum.push('kr-south2');
      doc.servers[0]['x-scp-regions'].g.push('kr-south2');
    },
  },
  {
    id: '53-region-removed-from-environment',
    title: 'region removed (x-scp-regions of an environment only)',
    expected: 'breaking',
    pointer: ptr('servers', 0, 'x-scp-regions', 's', 1),
    after: (doc) => {
      doc.servers[0]['x-scp-regions'].s = ['kr-west1'];
    },
  },
  {
    id: '54-server-default-region-changed',
    title: 'server variable default changed (where a client goes unless told)',
    expected: 'breaking',
    pointer: ptr('servers', 0, 'variables', 'region', 'default'),
    after: (doc) => {
      doc.servers[0].variables.region.default = 'kr-east1';
    },
  },

  // Lifecycle and SCP extensions
  {
    id: '55-operation-deprecated',
    title: 'an operation deprecated',
    expected: 'non-breaking',
    pointer: ptr('paths', SHOW, 'get', 'deprecated'),
    after: (doc) => {
      op(doc, SHOW, 'get').deprecated = true;
    },
  },
  {
    id: '56-version-deprecated',
    title: 'x-scp-lifecycle: the version becomes DEPRECATED (Not Before kept)',
    expected: 'non-breaking',
    pointer: ptr('info', 'x-scp-lifecycle', 'state'),
    after: (doc) => {
      doc.info['x-scp-lifecycle'].state = 'DEPRECATED';
      for (const operation of [op(doc, LIST, 'get'), op(doc, LIST, 'post'), op(doc, SHOW, 'get')])
        operation['x-scp-lifecycle'].state = 'DEPRECATED';
      op(doc, KUBECONFIG, 'get')['x-scp-lifecycle'].state = 'DEPRECATED';
    },
  },
  {
    id: '57-not-before-moved-earlier',
    title: 'x-scp-lifecycle: Not Before moved earlier (served for less time than promised)',
    expected: 'breaking',
    pointer: ptr('info', 'x-scp-lifecycle', 'notBefore'),
    after: (doc) => {
      doc.info['x-scp-lifecycle'].notBefore = '2027-01-31';
    },
  },
  {
    id: '58-not-before-moved-later',
    title: 'x-scp-lifecycle: Not Before moved later',
    expected: 'non-breaking',
    pointer: ptr('info', 'x-scp-lifecycle', 'notBefore'),
    after: (doc) => {
      doc.info['x-scp-lifecycle'].notBefore = '2027-12-31';
    },
  },
  {
    id: '59-iam-action-changed',
    title: 'x-scp-action-id changed (a key granted the old action is refused)',
    expected: 'breaking',
    pointer: ptr('paths', SHOW, 'get', 'x-scp-action-id'),
    after: (doc) => {
      op(doc, SHOW, 'get')['x-scp-action-id'] = 'ske:GetCluster';
    },
  },
  {
    id: '60-convenience-method-removed',
    title: 'x-scp-convenience removed (the client loses that method)',
    expected: 'breaking',
    pointer: ptr('paths', KUBECONFIG, 'get', 'x-scp-convenience'),
    after: (doc) => delete op(doc, KUBECONFIG, 'get')['x-scp-convenience'],
  },
  {
    id: '61-service-version-added',
    title: 'x-scp-service-versions: another version appended',
    expected: 'informational',
    pointer: ptr('info', 'x-scp-service-versions'),
    after: (doc) => {
      doc.info['x-scp-service-versions'].push({
        version: '1.4',
        apiVersion: 'ske 1.4',
        state: 'PLANNED',
        notBefore: null,
      });
    },
  },
  {
    id: '62-version-header-changed',
    title: 'Scp-Api-Version narrowed to another version than the document’s',
    expected: 'breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 2, 'schema', 'const'),
    after: (doc) => {
      param(doc, 'ScpApiVersion').schema.const = 'ske 1.4';
    },
  },
  {
    id: '63-adjacent-version',
    title: 'the next version (header, lifecycle, version number): what --from/--to sees',
    expected: 'informational',
    pointer: ptr('paths', LIST, 'get', 'parameters', 2, 'schema', 'const'),
    after: (doc) => {
      const lifecycle = { apiVersion: 'ske 1.4', state: 'PLANNED', notBefore: null };
      doc.info.version = '1.4';
      doc.info['x-scp-lifecycle'] = lifecycle;
      for (const item of Object.values(doc.paths) as Doc[])
        for (const operation of Object.values(item) as Doc[]) operation['x-scp-lifecycle'] = lifecycle;
      param(doc, 'ScpApiVersion').schema.const = 'ske 1.4';
      param(doc, 'ScpApiVersion').example = 'ske 1.4';
    },
  },

  // Documentation only
  {
    id: '64-operation-description-edited',
    title: 'description-only edit (operation)',
    expected: 'informational',
    pointer: ptr('paths', LIST, 'get', 'description'),
    after: (doc) => {
      op(doc, LIST, 'get').description = 'List the clusters the access key may see, one page at a time.';
    },
  },
  {
    id: '65-parameter-description-edited',
    title: 'description-only edit (parameter)',
    expected: 'informational',
    pointer: ptr('paths', LIST, 'get', 'parameters', 0, 'description'),
    after: (doc) => {
      param(doc, 'Size').description = 'How many clusters one answer lists.';
    },
  },
  {
    id: '66-schema-description-edited',
    title: 'description-only edit (schema)',
    expected: 'informational',
    pointer: ptr(...SHOW_BODY, 'description'),
    after: (doc) => {
      schema(doc, 'ClusterSummary').description = 'A cluster, as listed.';
    },
  },
  {
    id: '67-summary-and-example-edited',
    title: 'summary and example edited',
    expected: 'informational',
    pointer: ptr('paths', LIST, 'get', 'summary'),
    after: (doc) => {
      op(doc, LIST, 'get').summary = 'List clusters';
      prop(doc, 'ClusterSummary', 'name').example = 'demo-cluster';
    },
  },
  {
    id: '68-info-description-edited',
    title: 'description-only edit (document)',
    expected: 'informational',
    pointer: ptr('info', 'description'),
    after: (doc) => {
      doc.info.description = 'A small SKE-shaped document.';
    },
  },
  {
    id: '69-schema-renamed',
    title: 'a named schema renamed (generated type names change), shape unchanged',
    expected: 'breaking',
    pointer: ptr('components', 'schemas', 'ClusterCreateRequest'),
    after: (doc) => {
      doc.components.schemas.CreateClusterRequest = doc.components.schemas.ClusterCreateRequest;
      delete doc.components.schemas.ClusterCreateRequest;
      op(doc, LIST, 'post').requestBody.content['application/json'].schema.$ref =
        '#/components/schemas/CreateClusterRequest';
    },
  },
  {
    id: '71-request-alternative-added',
    title: 'anyOf alternative added (request parameter: accepts more)',
    expected: 'non-breaking',
    pointer: ptr('paths', LIST, 'get', 'parameters', 1, 'schema', 'anyOf', 2),
    before: (doc) => {
      param(doc, 'ClusterNameFilter').schema = {
        anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      };
    },
    after: (doc) => {
      param(doc, 'ClusterNameFilter').schema = {
        anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'null' }],
      };
    },
  },
  {
    id: '72-response-alternative-added',
    title: 'oneOf alternative added (response property: may hold more)',
    expected: 'breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'kubernetes_version', 'oneOf', 2),
    before: (doc) => {
      schema(doc, 'ClusterSummary').properties.kubernetes_version = {
        oneOf: [{ type: 'string' }, { type: 'integer' }],
      };
    },
    after: (doc) => {
      schema(doc, 'ClusterSummary').properties.kubernetes_version = {
        oneOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }],
      };
    },
  },
  {
    id: '73-version-deprecated-past-not-before',
    title: 'x-scp-lifecycle: DEPRECATED with a Not Before that has passed (clients refuse it)',
    expected: 'breaking',
    pointer: ptr('info', 'x-scp-lifecycle', 'state'),
    before: (doc) => setLifecycle(doc, { notBefore: null }),
    after: (doc) => setLifecycle(doc, { state: 'DEPRECATED', notBefore: '2025-01-01' }),
  },
  {
    id: '74-deprecated-not-before-set-in-past',
    title: 'x-scp-lifecycle: a DEPRECATED version given a Not Before that has passed',
    expected: 'breaking',
    pointer: ptr('info', 'x-scp-lifecycle', 'notBefore'),
    before: (doc) => setLifecycle(doc, { state: 'DEPRECATED', notBefore: null }),
    after: (doc) => setLifecycle(doc, { state: 'DEPRECATED', notBefore: '2025-01-01' }),
  },
  {
    id: '75-planned-version-made-current',
    title: 'x-scp-lifecycle: PLANNED → CURRENT (now served; nothing to warn about)',
    expected: 'non-breaking',
    pointer: ptr('info', 'x-scp-lifecycle', 'state'),
    message: /state PLANNED → CURRENT \(it is now served\)$/,
    before: (doc) => setLifecycle(doc, { state: 'PLANNED', notBefore: null }),
    after: (doc) => setLifecycle(doc, { state: 'CURRENT', notBefore: null }),
  },
  {
    id: '76-security-alternatives-reordered',
    title: 'security requirements reordered (alternatives: the order means nothing)',
    expected: 'informational',
    pointer: '',
    before: (doc) => {
      op(doc, SHOW, 'get').security = [SIGNED, { ScpAccountId: [] }];
    },
    after: (doc) => {
      op(doc, SHOW, 'get').security = [{ ScpAccountId: [] }, SIGNED];
    },
  },
  {
    id: '77-security-alternative-replaced',
    title: 'one security alternative replaced by another (the one kept unchanged, scopes included)',
    expected: 'breaking',
    pointer: ptr('paths', SHOW, 'get', 'security', 1),
    before: (doc) => {
      op(doc, SHOW, 'get').security = [{ ScpAccessKey: ['clusters:read'] }, { ScpAccountId: [] }];
    },
    after: (doc) => {
      op(doc, SHOW, 'get').security = [{ ScpAccessKey: ['clusters:read'] }, { ScpClientType: [] }];
    },
  },
  {
    id: '78-security-no-longer-required',
    title: 'security requirements emptied (no authentication needed any more)',
    expected: 'non-breaking',
    pointer: ptr('paths', SHOW, 'get', 'security'),
    after: (doc) => {
      op(doc, SHOW, 'get').security = [];
    },
  },
  {
    id: '79-operation-servers-same-as-document-removed',
    title: 'an operation’s servers, the same as the document’s, removed (it is called where it was)',
    expected: 'informational',
    pointer: ptr('paths', SHOW, 'get', 'servers'),
    before: (doc) => {
      op(doc, SHOW, 'get').servers = structuredClone(doc.servers);
    },
    after: () => {},
  },
  {
    id: '80-operation-servers-new-host',
    title: 'an operation sent to another host by its own servers',
    expected: 'breaking',
    pointer: ptr('servers', 0),
    after: (doc) => {
      op(doc, SHOW, 'get').servers = [{ url: 'https://ske-clusters.kr-west1.s.samsungsdscloud.com' }];
    },
  },
  {
    id: '81-path-level-required-header-added',
    title: 'a required header added to a path item (two operations): reported once',
    expected: 'breaking',
    pointer: ptr('paths', SHOW, 'parameters', 0),
    before: (doc) => {
      doc.paths[SHOW].delete = deleteCluster();
    },
    after: (doc) => {
      doc.paths[SHOW].delete = deleteCluster();
      doc.paths[SHOW].parameters = [
        { name: 'Scp-Request-Id', in: 'header', required: true, schema: { type: 'string' } },
      ];
    },
  },
  {
    id: '82-response-alternatives-made-nullable',
    title: 'OpenAPI 3.0 nullable beside oneOf (response property: may now be null)',
    expected: 'breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'kubernetes_version', 'nullable'),
    before: (doc) => {
      schema(doc, 'ClusterSummary').properties.kubernetes_version = {
        oneOf: [{ type: 'string' }, { type: 'integer' }],
      };
    },
    after: (doc) => {
      schema(doc, 'ClusterSummary').properties.kubernetes_version = {
        oneOf: [{ type: 'string' }, { type: 'integer' }],
        nullable: true,
      };
    },
  },
  {
    id: '83-shared-schema-made-nullable',
    title: 'a schema two response properties share made nullable: reported at each',
    expected: 'breaking',
    pointer: ptr(...SHOW_BODY, 'properties', 'updated_at', 'type'),
    before: (doc) => {
      doc.components.schemas.Timestamp = { type: 'string', format: 'date-time' };
      schema(doc, 'ClusterSummary').properties.created_at = { $ref: '#/components/schemas/Timestamp' };
      schema(doc, 'ClusterSummary').properties.updated_at = { $ref: '#/components/schemas/Timestamp' };
    },
    after: (doc) => {
      doc.components.schemas.Timestamp = { type: ['string', 'null'], format: 'date-time' };
      schema(doc, 'ClusterSummary').properties.created_at = { $ref: '#/components/schemas/Timestamp' };
      schema(doc, 'ClusterSummary').properties.updated_at = { $ref: '#/components/schemas/Timestamp' };
    },
  },
  {
    id: '70-identical',
    title: 'no change at all',
    expected: 'informational',
    pointer: '',
    after: () => {},
  },
];

/** The before and after documents of a fixture. */
export function documentsOf(fixture: SpecDiffFixture): { before: Doc; after: Doc } {
  const before = structuredClone(base);
  fixture.before?.(before);
  const after = structuredClone(base);
  fixture.after(after);
  return { before, after };
}
