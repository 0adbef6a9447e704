/** @hey-api/openapi-ts: its bundled fetch client, configured with the signed fetch; kubeconfigs read with `parseAs: 'text'`. */
import { createClient } from './client/index.js';
import * as sdk from './sdk.gen.js';
import type { ListClustersData } from './types.gen.js';
import type { Adapter, AdapterOptions } from './types.js';

export function createAdapter({ baseUrl, fetch, apiVersion }: AdapterOptions): Adapter {
  const client = createClient({ baseUrl, fetch });
  // The document's const (`ske 1.3`): the CURRENT version the matrix runs, as the types have it.
  const headers = { 'Scp-Api-Version': apiVersion } as ListClustersData['headers'];
  return {
    async call(call) {
      // biome-ignore lint/suspicious/noExplicitAny: one generic call for every operation; the typed calls are below
      const operation = (sdk as any)[call.operationId];
      const { data, error, response } = await operation({
        client,
        path: call.pathParams,
        query: call.query,
        body: call.body,
        headers,
        ...(/yaml/.test(call.mediaType) && { parseAs: 'text' }),
      });
      return { status: response.status, data: data ?? error };
    },
    async kubeconfig(clusterId) {
      const { data } = await sdk.createClusterKubeconfig({
        client,
        path: { cluster_id: clusterId },
        query: { kubeconfig_type: 'private' },
        headers,
        parseAs: 'text',
      });
      const text: string | undefined = data;
      return text ?? '';
    },
    async clusterIds(status) {
      const { data } = await sdk.listClusters({ client, query: { status }, headers });
      return (data?.clusters ?? []).map((cluster) => cluster.id);
    },
  };
}
