export { createFileSplit, FILE_READ_BYTES, reportErrors, type FileSplit } from './file-split.js';
export { expandGlob, hasGlobSyntax, joinPath } from './glob.js';
export { autoGunzip, gunzip, isGzip, skipBytes } from './gunzip.js';
export { toInputError } from './input-error.js';
export { resolveSplits } from './resolve-splits.js';
export type { Split } from './split.js';
export { createStdinSplit, type StdinSplit } from './stdin-split.js';
export { walkFiles } from './walk.js';
