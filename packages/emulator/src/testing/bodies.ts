/**
 * Test support: well-formed request bodies for the operations that take one, per version (ske 1.1
 * and later require `service_watch_logging_enabled` on a new cluster; ske 1.0 refuses it), and an
 * emulator on a clock the test moves.
 */
import { type Emulator, type EmulatorOptions, startEmulator } from '../emulator.js';

/** Before ske 1.0's Not Before date: every version is served. */
export const START = Date.parse('2025-12-01T00:00:00Z');

export function clusterBody(version = 'ske 1.3', name = 'team-cluster') {
  return {
    name,
    kubernetes_version: 'v1.30.4',
    vpc_id: '3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f',
    subnet_id: '023c57b14f11483689338d085e061492',
    volume_id: '1f2e3d4c5b6a79881726354453627180',
    security_group_id_list: ['9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d'],
    cloud_logging_enabled: false,
    ...(version !== 'ske 1.0' && { service_watch_logging_enabled: true }),
  };
}

export function nodepoolBody(clusterId: string, name = 'pool-a', desired = 2) {
  return {
    name,
    cluster_id: clusterId,
    kubernetes_version: 'v1.30.4',
    image_os: 'ubuntu',
    image_os_version: '22.04',
    server_type_id: '10a599e031e749b7b260868f441e862b',
    keypair_name: 'team-keypair',
    volume_type_name: 'SSD',
    volume_size: 104,
    is_auto_recovery: true,
    is_auto_scale: false,
    desired_node_count: desired,
  };
}

/** An emulator whose clock stands still until the test moves it (`advance`). */
export async function startOnTestClock(
  options: EmulatorOptions = {},
): Promise<{ emulator: Emulator; advance(ms: number): void }> {
  let now = START;
  const emulator = await startEmulator({ transitionMs: 1000, ...options, now: () => now });
  return {
    emulator,
    advance(ms: number) {
      now += ms;
    },
  };
}
