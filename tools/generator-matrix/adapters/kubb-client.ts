/**
 * The client Kubb's generated functions import (plugin-client `importPath`): Kubb's RequestConfig sent
 * through the signed fetch; query arrays as repeated keys (`style: form, explode: true`), the body as JSON,
 * and the answer read by its Content-Type (JSON, else text). Errors are answers too (the matrix reads
 * their status), as with Kubb's own fetch client.
 */
import type { AdapterOptions } from './types.ts';

export type RequestConfig<TData = unknown> = {
  baseURL?: string;
  url?: string;
  method?: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD';
  params?: unknown;
  data?: TData | FormData;
  responseType?: 'arraybuffer' | 'blob' | 'document' | 'json' | 'text' | 'stream';
  signal?: AbortSignal;
  headers?: [string, string][] | Record<string, string>;
};

export type ResponseConfig<TData = unknown> = {
  data: TData;
  status: number;
  statusText: string;
  headers: Headers;
};

export type ResponseErrorConfig<TError = unknown> = TError;

export type Client = <TData, _TError = unknown, TVariables = unknown>(
  config: RequestConfig<TVariables>,
) => Promise<ResponseConfig<TData>>;

let options: AdapterOptions | undefined;

export function configure(given: AdapterOptions): void {
  options = given;
}

function queryOf(params: unknown): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.append(name, String(item));
  }
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

export const client: Client = async <TData, _TError = unknown, TVariables = unknown>(
  config: RequestConfig<TVariables>,
): Promise<ResponseConfig<TData>> => {
  if (!options) throw new Error('configure() first');
  const headers = new Headers(config.headers);
  if (config.data !== undefined) headers.set('content-type', 'application/json');
  const response = await options.fetch(`${options.baseUrl}${config.url ?? ''}${queryOf(config.params)}`, {
    method: config.method ?? 'GET',
    headers,
    ...(config.data !== undefined && { body: JSON.stringify(config.data) }),
    ...(config.signal && { signal: config.signal }),
  });
  const text = await response.text();
  const json = /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
  return {
    data: (json && text !== '' ? JSON.parse(text) : text) as TData,
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  };
};

export default client;
