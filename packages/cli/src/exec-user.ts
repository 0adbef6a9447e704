/**
 * The user entry `kubeconfig merge` writes by default: an exec credential plugin
 * (client.authentication.k8s.io/v1) that runs `scp-ske kubeconfig credential` with the cluster, type,
 * identity and connection flags of the merge, instead of the credential itself. The kubeconfig then
 * holds no secret, and revoking the SCP access key stops kubectl (once the plugin's cache lifetime is over).
 */
import type { Plain } from './kubeconfig-document.js';

export interface ExecUserInput {
  clusterId: string;
  kubeconfigType: string;
  admin: boolean;
  flags: {
    endpoint?: string | undefined;
    region?: string | undefined;
    environment?: string | undefined;
    'api-version'?: string | undefined;
    timeout?: string | undefined;
    'allow-unsupported-version'?: boolean | undefined;
    'allow-server-host'?: string[] | undefined;
  };
}

export const EXEC_API_VERSION = 'client.authentication.k8s.io/v1';

export const INSTALL_HINT =
  'This kubeconfig gets its credential from scp-ske, the Samsung Cloud Platform SKE CLI. Install it ' +
  '(npm install --global @scp-ske/cli) so that `scp-ske` is on the PATH kubectl runs with.';

/** The arguments of `scp-ske` kubectl runs. */
export function execArgs(input: ExecUserInput): string[] {
  const { flags } = input;
  const args = ['kubeconfig', 'credential', '--cluster-id', input.clusterId, '--type', input.kubeconfigType];
  if (input.admin) args.push('--admin');
  for (const name of ['endpoint', 'region', 'environment', 'api-version', 'timeout'] as const) {
    const value = flags[name];
    if (value !== undefined) args.push(`--${name}`, value);
  }
  if (flags['allow-unsupported-version']) args.push('--allow-unsupported-version');
  for (const host of flags['allow-server-host'] ?? []) args.push('--allow-server-host', host);
  return args;
}

/** The `user` body of the exec entry. */
export function execUser(input: ExecUserInput): Plain {
  return {
    exec: {
      apiVersion: EXEC_API_VERSION,
      command: 'scp-ske',
      args: execArgs(input),
      env: null,
      interactiveMode: 'Never',
      provideClusterInfo: false,
      installHint: INSTALL_HINT,
    },
  };
}
