/** openapi-typescript's types with openapi-fetch: the signed fetch as `fetch`, the version header as a default header. */
import createClient from 'openapi-fetch';
import type { paths } from './schema.js';
import type { Adapter, AdapterOptions } from './types.js';

type Header = NonNullable<paths['/v1/clusters']['get']['parameters']['header']>;

export function createAdapter({ baseUrl, fetch, apiVersion }: AdapterOptions): Adapter {
  const client = createClient<paths>({ baseUrl, fetch, headers: { 'Scp-Api-Version': apiVersion } });
  // The document's const (`ske 1.3`): the CURRENT version the matrix runs, as the types have it.
  const header = { 'Scp-Api-Version': apiVersion } as Header;
  return {
    async call(call) {
      // biome-ignore lint/suspicious/noExplicitAny: one generic call for every operation; the typed calls are below
      const send = (client as any)[call.method.toUpperCase()];
      const { data, error, response } = await send(call.path, {
        params: { path: call.pathParams, query: call.query, header },
        body: call.body,
        parseAs: /yaml/.test(call.mediaType) ? 'text' : 'json',
      });
      return { status: response.status, data: data ?? error };
    },
    async kubeconfig(clusterId) {
      const { data } = await client.GET('/v1/clusters/{cluster_id}/kubeconfig', {
        params: {
          path: { cluster_id: clusterId },
          query: { kubeconfig_type: 'private' },
          header,
        },
        parseAs: 'text',
      });
      const text: string | undefined = data;
      return text ?? '';
    },
    async clusterIds(status) {
      const { data } = await client.GET('/v1/clusters', {
        params: { query: { status }, header },
      });
      return (data?.clusters ?? []).map((cluster) => cluster.id);
    },
  };
}
