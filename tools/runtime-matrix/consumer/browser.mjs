/** The consumer in a web page: configuration from the page's URL, the JSON on `window.__results`. */
import { runChecks } from './checks.mjs';
import vectors from './vectors.mjs';

const params = new URL(location.href).searchParams;
window.__results = runChecks({
  endpoint: params.get('endpoint'),
  accessKey: params.get('accessKey'),
  secretKey: params.get('secretKey'),
  cluster: { id: params.get('clusterId') },
  vectors,
  allowBrowser: true,
});
