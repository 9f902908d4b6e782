export { compileQuery, compileYaml, type CliOverrides, type Compiled } from './compile.js';
export { explainText, planJson, exprToString } from './explain.js';
export { renderDiagnostic, renderDiagnostics, type RenderOptions } from './render.js';
export { parseDuration, formatDuration } from '../common/time/duration.js';
export type { Diagnostic } from './diagnostic.js';
export type * from '../plan/types.js';
