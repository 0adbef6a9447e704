/**
 * The confirmation of a delete. Without a terminal (a script, CI), `--yes` is required: checked
 * before any request. On a terminal, without `--yes`, the user types the resource's name (not just
 * `y`: a delete cannot be undone, and the name proves the right one was meant); anything else cancels.
 */
import { SkeError } from '@scp-ske/client';
import { shown } from './cluster-answers.js';
import type { Io } from './commands/kubeconfig.js';
import type { Client } from './connection.js';
import { UsageError } from './usage.js';

/** The user did not confirm: nothing was deleted (exit 1). */
export class DeleteCancelledError extends SkeError {
  override readonly name = 'DeleteCancelledError';
  constructor(what: string) {
    super('ERR_SKE_CANCELLED', `${what} was not deleted: the name typed did not match`);
  }
}

/** Refuses a delete that cannot ask (no terminal) and has no `--yes`. */
export function requireYes(io: Io, yes: boolean, command: string): void {
  if (yes || (io.isTTY && io.prompt)) return;
  throw new UsageError(`${command}: pass --yes to delete without a terminal to confirm on; nothing was deleted`);
}

/** On a terminal without `--yes`: asks for the resource's name (fetched when it was named by id). */
export async function confirmDelete(
  io: Io,
  client: Client,
  kind: string,
  target: { id: string; name?: string | undefined },
  yes: boolean,
): Promise<void> {
  if (yes) return;
  let name = target.name;
  if (name === undefined) {
    const show = (client as unknown as Record<string, (input: object) => Promise<{ data: Record<string, unknown> }>>)[
      `show${kind[0]?.toUpperCase()}${kind.slice(1)}`
    ];
    const answer = await show?.call(client, { [`${kind}Id`]: target.id });
    const found = (answer?.data[kind] as { name?: unknown } | undefined)?.name;
    name = typeof found === 'string' ? found : target.id;
  }
  const typed = await io.prompt?.(
    `Delete ${kind} ${shown(name)} (${shown(target.id)})? This cannot be undone.\nType its name to confirm: `,
  );
  if (typed?.trim() !== name) throw new DeleteCancelledError(`${kind} ${shown(name)}`);
}
