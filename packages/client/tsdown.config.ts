import shared from '../../tsdown.shared.mjs';

// Two entries: the client, and `./raw` (the openapi-fetch client), so that openapi-fetch is only
// shipped by applications that import it.
export default { ...shared, entry: ['src/index.ts', 'src/raw.ts'] };
