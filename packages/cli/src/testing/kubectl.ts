/**
 * Test support: what kubectl itself reads from a list of kubeconfig files (`kubectl config view
 * --raw -o json` with KUBECONFIG set to the list), the reference for "unchanged in meaning".
 */
import { execFile, execFileSync } from 'node:child_process';
import { delimiter } from 'node:path';

export interface KubectlView {
  clusters: { name: string; cluster: Record<string, unknown> }[] | null;
  users: { name: string; user: Record<string, unknown> }[] | null;
  contexts: { name: string; context: Record<string, unknown> }[] | null;
  'current-context': string;
}

const environment = (paths: string[], home: string) => ({
  PATH: process.env.PATH ?? '',
  HOME: home,
  KUBECONFIG: paths.join(delimiter),
});

export function kubectlView(paths: string[], home: string): KubectlView {
  const json = execFileSync('kubectl', ['config', 'view', '--raw', '-o', 'json'], {
    env: environment(paths, home),
    encoding: 'utf8',
  });
  return JSON.parse(json) as KubectlView;
}

/** The same, without blocking the event loop; rejects with kubectl's message when it cannot read the files. */
export function kubectlViewAsync(paths: string[], home: string): Promise<KubectlView> {
  return new Promise((resolve, reject) => {
    execFile(
      'kubectl',
      ['config', 'view', '--raw', '-o', 'json'],
      { env: environment(paths, home), encoding: 'utf8' },
      (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout))),
    );
  });
}

/** The server of a context, as kubectl resolves it. */
export function serverOf(view: KubectlView, context: string): string | undefined {
  const entry = view.contexts?.find((candidate) => candidate.name === context);
  const cluster = view.clusters?.find((candidate) => candidate.name === entry?.context.cluster);
  return cluster?.cluster.server as string | undefined;
}
