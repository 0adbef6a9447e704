/** Kubb (plugin-client, `paramsType: 'object'`): the generated functions go through the client in ./kubb-client.ts, which signs. */
import * as sdk from './clients/index.ts';
import { configure } from './kubb-client.ts';
import type { ListClustersHeaderParams } from './types/ListClusters.ts';
import type { Adapter, AdapterOptions } from './types.ts';

export function createAdapter(options: AdapterOptions): Adapter {
  configure(options);
  // The document's const (`ske 1.3`): the CURRENT version the matrix runs, as the types have it.
  const headers = { 'Scp-Api-Version': options.apiVersion } as ListClustersHeaderParams;
  return {
    async call(call) {
      // biome-ignore lint/suspicious/noExplicitAny: one generic call for every operation; the typed calls are below
      const operation = (sdk as any)[call.operationId] as (input: object) => Promise<{ status: number; data: unknown }>;
      const { status, data } = await operation({
        ...call.pathParams,
        ...(call.hasQuery && { params: call.query }),
        ...(call.body !== undefined && { data: call.body }),
        headers,
      });
      return { status, data };
    },
    async kubeconfig(clusterId) {
      const response = await sdk.createClusterKubeconfig({
        cluster_id: clusterId,
        params: { kubeconfig_type: 'private' },
        headers,
      });
      const text: string = response.data;
      return text;
    },
    async clusterIds(status) {
      const response = await sdk.listClusters({ params: { status }, headers });
      return response.data.clusters.map((cluster) => cluster.id);
    },
  };
}
