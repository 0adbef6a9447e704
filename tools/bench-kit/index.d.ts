/** Types of the shared benchmark helpers (see index.js). */
export interface Summary {
  median: number;
  min: number;
  max: number;
  rounds: number;
}
export interface Comparison {
  value: Summary;
  baseline: Summary;
  /** The median of the rounds' own subject / baseline ratios. */
  ratio: number;
}
export interface Target {
  op: '<=' | '>=';
  value: number;
  /** What the target applies to: the ratio to the baseline (default) or the value itself. */
  on?: 'ratio' | 'value';
}
export interface Figure {
  id: string;
  description: string;
  unit: string;
  value: Summary;
  baseline: Summary & { name: string };
  ratio: number;
  /** null: an informational figure. */
  target: (Target & { on: 'ratio' | 'value' }) | null;
  pass: boolean | null;
  [extra: string]: unknown;
}
export function summarize(samples: readonly number[]): Summary;
export function compareInRounds(options: {
  rounds: number;
  subject: () => number | Promise<number>;
  baseline: () => number | Promise<number>;
  warmup?: number;
}): Promise<Comparison>;
export function microsecondsPerCall(fn: (i: number) => unknown, iterations: number): number;
export function microsecondsPerAsyncCall(fn: (i: number) => Promise<unknown>, iterations: number): Promise<number>;
export function meets(ratio: number, target: Target): boolean;
export function figure(options: {
  id: string;
  description: string;
  unit: string;
  result: Comparison;
  baselineName: string;
  target?: Target | null;
  targetOn?: 'ratio' | 'value';
  extra?: Record<string, unknown>;
}): Figure;
export function writeFigures(packageDir: string, subject: string, figures: readonly Figure[]): void;
