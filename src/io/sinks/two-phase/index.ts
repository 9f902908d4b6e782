export { createTwoPhaseFileSink, TwoPhaseFileSink, type TwoPhaseFileSinkOptions } from './two-phase-file-sink.js';
export type { TwoPhaseSink } from '../../../engine/contracts/two-phase-sink.js';
export type { FinalState, PartCommit, PendingCommit } from './pending.js';
export { compilePathTemplate, type PathTemplate } from '../path-template.js';
export { escapeValue } from '../escape-segment.js';
