/**
 * What the CLI's tests share about the emulator's demo fixtures: the demo cluster's id, the names the
 * merge gives its private entries, and the first demo key (the one that may do everything).
 */
import { DEMO_CREDENTIALS } from '@scp-ske/emulator';

/** The demo cluster (`demo-cluster`), visible to both demo keys. */
export const DEMO = '70a599e031e749b7b260868f441e862b';
/** The merge's name for the demo cluster's private entries. */
export const PRIVATE = 'demo-cluster-private-70a599e0';
/** Demo key 1: every action. */
export const [key] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0]];
