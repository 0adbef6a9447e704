/**
 * Runs every scenario through every selected version's generated client, against the embedded
 * emulator (default) or a real endpoint, and compares the contracts of the bundled documents. The
 * differences between versions the spec declares (`declaredDifferences`) are the expected ones: an
 * operation a version does not have is "not in this version", and a scenario's difference that a
 * declaration accounts for is expected, naming its evidence and strength.
 */
import { type OperationTable, resetLifecycleWarnings } from '@scp-ske/client';
import { type Emulator, startEmulator } from '@scp-ske/emulator';
import { type CredentialValues, createCredentialChain } from '@scp-ske/signing';
import {
  type ContractDifference,
  contractDifferences,
  type DeclaredDifference,
  declaredDifferences,
  loadDocument,
  manifest,
  type OpenApiDocument,
  type SkeVersion,
  type VersionEntry,
} from '@scp-ske/spec';
import {
  type Cell,
  classifyAgainstExpectation,
  classifyAgainstPrediction,
  classifyAgainstReference,
} from './classify.js';
import { absentOperation, declaredReason } from './declared.js';
import { clientFactories, operationTables, rawClientFactories } from './generated/clients.js';
import { buildScenarios } from './operation-scenarios.js';
import { catalogOf, type OperationCatalog, operationsOf, type Provenance } from './operations.js';
import {
  type ClientFactory,
  type Fixtures,
  predictedLifecycle,
  type RawClientFactory,
  type ScenarioContext,
} from './scenarios.js';

/**
 * How long a change takes in the embedded emulator (its `transitionMs`): short, so that the scenarios
 * that wait for a status to settle (resources.ts) do not wait long.
 */
export const TRANSITION_MS = 5;

/** Why a scenario is skipped against a real endpoint. */
export const NEEDS_EMULATOR = 'needs the embedded emulator (its fixtures, fault injection, or resources to change)';

export interface CompatOptions {
  /** The day the lifecycle is judged on (and the emulator's clock starts at). Default: now. */
  at?: Date;
  /** Versions to run (default: every version in the manifest). */
  versions?: string[];
  /** A real SKE endpoint; credentials then come from the usual chain. Default: the embedded emulator. */
  endpoint?: string;
  /** Replaces a version's client factory (the compatibility app's own tests inject broken clients). */
  clientFactories?: Partial<Record<string, ClientFactory>>;
  /** Replaces a version's operation table (what its client factory's methods are built from). */
  operationTables?: Partial<Record<string, OperationTable>>;
  /**
   * Replaces a version's dereferenced document: the operations are described from it, the embedded
   * emulator serves it, and the contracts are compared on it (the tests add an operation this way).
   */
  documents?: Partial<Record<string, OpenApiDocument>>;
}

export interface ScenarioRow {
  id: string;
  title: string;
  /** The operationId the scenario exercises; absent for the version-wide lifecycle. */
  operation?: string;
  cells: Record<string, Cell>;
}

/** An operation of the report, as the reference version (else the first that has it) describes it. */
export interface OperationSummary {
  id: string;
  title: string;
  method: string;
  path: string;
  actionId?: string;
  provenance?: Provenance;
  /** The selected versions whose document describes it. */
  versions: string[];
  /** The declaration that it is added in a later version than some selected ones have (`x-scp-since`). */
  since?: DeclaredDifference;
}

export interface CompatReport {
  at: string;
  target: string;
  versions: string[];
  reference: string;
  operations: OperationSummary[];
  scenarios: ScenarioRow[];
  /** The differences between the selected versions that the spec declares, with their evidence. */
  declared: DeclaredDifference[];
  /** The differences from the reference (narrowed to each version) that nothing declares: regressions. */
  contract: { reference: string; differences: ContractDifference[] };
  summary: { same: number; expected: number; regressions: number; skipped: number; notApplicable: number };
}

export class CompatUsageError extends Error {
  override readonly name = 'CompatUsageError';
}

function selectVersions(requested: string[] | undefined): VersionEntry[] {
  if (!requested) return [...manifest.versions];
  const known = manifest.versions.map((entry) => entry.version);
  return requested.map((version) => {
    const entry = manifest.versions.find((candidate) => candidate.version === version);
    if (!entry)
      throw new CompatUsageError(`--versions: unknown version "${version}"; expected some of ${known.join(', ')}`);
    return entry;
  });
}

/** Every operation of the catalog, described by the reference version (else the first version that has it). */
function summarizeOperations(
  catalog: OperationCatalog,
  entries: VersionEntry[],
  reference: string,
  declared: readonly DeclaredDifference[],
): OperationSummary[] {
  return operationsOf(catalog, reference).map((operation) => {
    const since = declared.find((one) => one.operation === operation.id && one.change === 'added');
    return {
      id: operation.id,
      title: operation.title,
      method: operation.method,
      path: operation.path,
      ...(operation.actionId && { actionId: operation.actionId }),
      ...(operation.provenance && { provenance: operation.provenance }),
      versions: entries
        .map((entry) => entry.version)
        .filter((version) => catalog[version]?.some((candidate) => candidate.id === operation.id)),
      ...(since && since.lacking.length > 0 && { since }),
    };
  });
}

export async function runCompat(options: CompatOptions = {}): Promise<CompatReport> {
  const at = options.at ?? new Date();
  const entries = selectVersions(options.versions);
  const referenceEntry =
    entries.find((entry) => entry.version === manifest.current) ?? (entries.at(-1) as VersionEntry);
  const factories = { ...clientFactories, ...options.clientFactories } as Record<string, ClientFactory>;
  const tables = { ...operationTables, ...options.operationTables } as Record<string, OperationTable>;

  const documents: Record<string, OpenApiDocument> = {};
  const catalog: OperationCatalog = {};
  for (const entry of entries) {
    const document =
      options.documents?.[entry.version] ?? (await loadDocument(entry.version as SkeVersion, 'dereferenced'));
    documents[entry.version] = document;
    catalog[entry.version] = catalogOf(tables[entry.version] ?? {}, document);
  }

  let emulator: Emulator | undefined;
  let credentials: CredentialValues;
  let fixtures: Fixtures | undefined;
  if (options.endpoint === undefined) {
    emulator = await startEmulator({
      now: at,
      transitionMs: TRANSITION_MS,
      ...(options.documents && { documents: options.documents }),
    });
    const [cluster, privateOnly, restricted] = emulator.clusters as [
      Fixtures['cluster'],
      Fixtures['cluster'],
      Fixtures['cluster'],
    ];
    fixtures = { cluster, privateOnly, restricted };
    credentials = emulator.credentials[0] as CredentialValues;
  } else {
    const resolved = await createCredentialChain()();
    credentials = { accessKey: resolved.accessKey, secretKey: resolved.secretKey, accountId: resolved.accountId };
  }
  const endpoint = emulator?.url ?? (options.endpoint as string);
  const now = emulator ? emulator.now : Date.now;
  const warnings: string[] = [];
  const onWarning = (warning: Error & { code?: string }) => warnings.push(warning.code ?? warning.name);
  process.on('warning', onWarning);

  const declared = declaredDifferences(documents);
  const scenarios = buildScenarios(catalog, {
    reference: referenceEntry.version,
    declared,
    ...(emulator && {
      emulator: { credentials: emulator.credentials, clusterIds: emulator.clusters.map((cluster) => cluster.id) },
    }),
  });
  const rows: ScenarioRow[] = [];
  try {
    for (const scenario of scenarios) {
      const outcomes = new Map<string, Awaited<ReturnType<typeof scenario.run>>>();
      const skipped = scenario.needsEmulator && !emulator;
      // The declaration that a version does not have the scenario's operation (it is then not run there).
      const absentFrom = (version: string) =>
        scenario.operation && !catalog[version]?.some((one) => one.id === scenario.operation)
          ? absentOperation(declared, scenario.operation, version)
          : undefined;
      for (const entry of entries) {
        if (skipped || scenario.notApplicable || absentFrom(entry.version)) continue;
        if (scenario.judge === 'lifecycle') resetLifecycleWarnings();
        warnings.length = 0;
        const context: ScenarioContext = {
          entry,
          createClient: factories[entry.version] as ClientFactory,
          createRawClient: rawClientFactories[entry.version as keyof typeof rawClientFactories] as RawClientFactory,
          clientOptions: {
            endpoint,
            credentials: credentials as ScenarioContext['clientOptions']['credentials'],
            now,
            retry: { baseDelayMs: 1 },
          },
          at,
          ...(emulator && { emulator }),
          ...(fixtures && { fixtures }),
          warnings,
        };
        outcomes.set(entry.version, await scenario.run(context));
      }
      const cells: Record<string, Cell> = {};
      const reference = outcomes.get(referenceEntry.version);
      for (const entry of entries) {
        const outcome = outcomes.get(entry.version);
        const declaration = absentFrom(entry.version);
        if (scenario.notApplicable) {
          cells[entry.version] = { mark: 'n/a', reason: `not applicable: ${scenario.notApplicable}` };
        } else if (declaration) {
          cells[entry.version] = {
            mark: 'expected',
            outcome: { kind: 'absent' },
            reason: `not in ske ${entry.version}: ${declaredReason(declaration)}`,
          };
        } else if (skipped || !outcome) {
          cells[entry.version] = { mark: 'skipped', reason: NEEDS_EMULATOR };
        } else if (scenario.judge === 'lifecycle') {
          cells[entry.version] = classifyAgainstPrediction(
            entry,
            at,
            outcome,
            predictedLifecycle(entry, at, emulator ? 200 : 404),
          );
        } else {
          const compared = reference ?? outcome;
          cells[entry.version] = classifyAgainstExpectation(
            classifyAgainstReference(entry, at, outcome, compared, () =>
              scenario.explain?.(entry.version, outcome, compared),
            ),
            scenario.expect?.(outcome),
          );
        }
      }
      rows.push({
        id: scenario.id,
        title: scenario.title,
        ...(scenario.operation && { operation: scenario.operation }),
        cells,
      });
    }
  } finally {
    process.off('warning', onWarning);
    await emulator?.close();
  }

  const differences = contractDifferences(documents, referenceEntry.version);

  const all = rows.flatMap((row) => Object.values(row.cells));
  const count = (mark: Cell['mark']) => all.filter((cell) => cell.mark === mark).length;
  return {
    at: at.toISOString().slice(0, 10),
    target: emulator ? 'embedded emulator' : endpoint,
    versions: entries.map((entry) => entry.version),
    reference: referenceEntry.version,
    operations: summarizeOperations(catalog, entries, referenceEntry.version, declared),
    scenarios: rows,
    declared,
    contract: { reference: referenceEntry.version, differences },
    summary: {
      same: count('same'),
      expected: count('expected'),
      regressions: count('regression') + differences.length,
      skipped: count('skipped'),
      notApplicable: count('n/a'),
    },
  };
}
