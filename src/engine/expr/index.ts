export { compileExpr, compilePredicate } from './compile.js';
export { getPath, compileGetPath } from './get-path.js';
export { truthy, toNumber, parseNumeric, valuesEqual, compareValues } from './values.js';
export { FUNCTION_ARITY } from './functions.js';
export { compileRegex } from './regex.js';
export { ExprCompileError } from './expr-error.js';
