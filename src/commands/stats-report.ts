import type { JobSummary } from '../engine/runtime/job-output.js';

/** The `--stats` summary: what a run read and did, and what it cost. One JSON object. */
export interface StatsReport {
  inputs: JobSummary['inputs'];
  /** Per stage: records out of it (the aggregation: records in, results out). */
  stages: JobSummary['stages'];
  records: number;
  bad: number;
  late: number;
  parallelism: number;
  checkpoints: { count: number; p50Ms: number | null; p99Ms: number | null };
  wallMs: number;
  cpuMs: number;
  maxRssKb: number;
}

/**
 * Builds the report at the end of a run: `startedMs` is when the process started (performance
 * time origin), `checkpointMs` the duration of each checkpoint taken. CPU time and peak memory
 * are the whole process's (every worker thread included).
 */
export function statsReport(summary: JobSummary, checkpointMs: readonly number[], nowMs: number): StatsReport {
  const usage = process.resourceUsage();
  const sorted = [...checkpointMs].sort((a, b) => a - b);
  const at = (q: number): number | null => (sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!));
  return {
    inputs: summary.inputs,
    stages: summary.stages,
    records: summary.records,
    bad: summary.badRecords,
    late: summary.lateRecords,
    parallelism: summary.parallelism,
    checkpoints: { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99) },
    wallMs: round(nowMs),
    cpuMs: round((usage.userCPUTime + usage.systemCPUTime) / 1000),
    maxRssKb: usage.maxRSS,
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
