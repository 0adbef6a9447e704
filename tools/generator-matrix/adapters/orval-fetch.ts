/**
 * orval's mutator (`override.mutator`): every generated function calls it with a path and a RequestInit.
 * It sends through the signed fetch with the version header, and reads the body by its Content-Type
 * (JSON, else text), as orval's fetch client's `{ data, status, headers }`.
 */
import type { AdapterOptions } from './types.js';

let options: AdapterOptions | undefined;

export function configure(given: AdapterOptions): void {
  options = given;
}

export async function skeFetch<T>(url: string, init: RequestInit): Promise<T> {
  if (!options) throw new Error('configure() first');
  const headers = new Headers(init.headers);
  headers.set('Scp-Api-Version', options.apiVersion);
  const response = await options.fetch(`${options.baseUrl}${url}`, { ...init, headers });
  const text = await response.text();
  const json = /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
  const data = json && text !== '' ? JSON.parse(text) : text;
  return { data, status: response.status, headers: response.headers } as T;
}
