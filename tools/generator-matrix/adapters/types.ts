/**
 * What every generator's adapter exports (the adapters are copied beside each generated client,
 * where the matrix typechecks them with it): one generic caller for every operation, and two calls
 * written against the generated types, so that `tsc --strict` checks what the types say of the
 * kubeconfig answer (a string) and of the `status` filter (an array of strings).
 */
/** One call, in terms every generator's adapter understands. */
export interface Call {
  /** A label for the report: the operationId, or what the extra call checks. */
  label: string;
  operationId: string;
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  pathParams: Record<string, string>;
  /** Query parameters in the spec's order (the adapters pass them by name). */
  query: Record<string, unknown>;
  /** Whether the operation declares any query parameter (positional generators take a query object then). */
  hasQuery: boolean;
  body: unknown;
  /** The success answer's status and media type, as the spec declares them. */
  status: number;
  mediaType: string;
  /** The success answer is a kubeconfig (its schema is the spec's Kubeconfig), whatever its media type says. */
  kubeconfig: boolean;
}

export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface AdapterOptions {
  baseUrl: string;
  fetch: FetchLike;
  apiVersion: string;
}

export interface Answer {
  status: number;
  data: unknown;
}

export interface Adapter {
  call(call: Call): Promise<Answer>;
  /** The admin kubeconfig, through the generated types: a string. */
  kubeconfig(clusterId: string): Promise<string>;
  /** listClusters with a `status` filter, through the generated types: the clusters' ids. */
  clusterIds(status: string[]): Promise<string[]>;
}
