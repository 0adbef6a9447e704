/**
 * SCP's worked signing example (shared/reference/scp-api.md, "Signing"), for the tests of both builds:
 * the input and the signature SCP's reference page gives for it.
 */
export const referenceExample = {
  method: 'GET',
  url: 'https://ske.kr-west1.e.samsungsdscloud.com/v1/clusters/70a599e031e749b7b260868f441e862b/user-kubeconfig?kubeconfig_type=private',
  timestamp: 1605290625682,
  accessKey: 'AKEXAMPLE0123456789',
  secretKey: 'SKEXAMPLEsecretKey',
};

/** The signature of `referenceExample` (no account id). */
export const referenceSignature = 'q0OJkr3HhbGbhFfYQUwZUgxYDmJZNRyupjvu8OHU8/4=';
