/** orval (fetch client): the generated functions go through the mutator (./orval-fetch.ts), which signs. */

import { configure } from './orval-fetch.js';
import * as sdk from './ske.js';
import type { Adapter, AdapterOptions } from './types.js';

export function createAdapter(options: AdapterOptions): Adapter {
  configure(options);
  return {
    async call(call) {
      const args: unknown[] = Object.values(call.pathParams);
      if (call.body !== undefined) args.push(call.body);
      if (call.hasQuery) args.push(call.query);
      // biome-ignore lint/suspicious/noExplicitAny: one generic call for every operation; the typed calls are below
      const operation = (sdk as any)[call.operationId] as (
        ...args: unknown[]
      ) => Promise<{ status: number; data: unknown }>;
      const { status, data } = await operation(...args);
      return { status, data };
    },
    async kubeconfig(clusterId) {
      const response = await sdk.createClusterKubeconfig(clusterId, { kubeconfig_type: 'private' });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      const text: string = response.data;
      return text;
    },
    async clusterIds(status) {
      const response = await sdk.listClusters({ status });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      return response.data.clusters.map((cluster) => cluster.id);
    },
  };
}
