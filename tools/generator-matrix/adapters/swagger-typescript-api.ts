/**
 * swagger-typescript-api: `customFetch` is the signed fetch; the version header goes in `baseApiParams` (its
 * methods take no header parameters); a kubeconfig is read with `format: 'text'`.
 */
import { Api } from './api.js';
import type { Adapter, AdapterOptions } from './types.js';

export function createAdapter({ baseUrl, fetch, apiVersion }: AdapterOptions): Adapter {
  const api = new Api({
    baseUrl,
    customFetch: fetch as typeof globalThis.fetch,
    baseApiParams: { headers: { 'Scp-Api-Version': apiVersion } },
  });
  const read = async <T>(promise: Promise<{ status: number; data: T; error: unknown }>) => {
    try {
      const response = await promise;
      return { status: response.status, data: response.data };
    } catch (failure) {
      const response = failure as { status: number; error: unknown };
      return { status: response.status, data: response.error };
    }
  };
  return {
    async call(call) {
      const args: unknown[] = Object.values(call.pathParams);
      if (call.hasQuery) args.push(call.query);
      if (call.body !== undefined) args.push(call.body);
      args.push(/yaml/.test(call.mediaType) ? { format: 'text' } : {});
      // biome-ignore lint/suspicious/noExplicitAny: one generic call for every operation; the typed calls are below
      const method = (api.v1 as any)[call.operationId] as (...args: unknown[]) => Promise<never>;
      return read(method(...args));
    },
    async kubeconfig(clusterId) {
      const response = await api.v1.createClusterKubeconfig(
        clusterId,
        { kubeconfig_type: 'private' },
        { format: 'text' },
      );
      const text: string = response.data;
      return text;
    },
    async clusterIds(status) {
      const response = await api.v1.listClusters({ status });
      return response.data.clusters.map((cluster) => cluster.id);
    },
  };
}
