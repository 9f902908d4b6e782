/** Checks on expressions: known functions with the right number of arguments, valid regexes. */
import type { Expr } from './ast.js';
import type { DiagnosticBag } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import type { SourceFile } from './source.js';
import { compileUserRegex, UserRegexError } from '../common/regex/user-regex.js';
import { AGG_FUNCS, describeArity, SCALAR_FUNCS } from './vocabulary.js';

/** The problem with a user pattern (invalid, or not runnable in linear time), else null. */
export function regexProblem(pattern: string): UserRegexError | null {
  try {
    compileUserRegex(pattern);
    return null;
  } catch (e) {
    if (e instanceof UserRegexError) return e;
    throw e;
  }
}

export function checkExpr(e: Expr, source: SourceFile, bag: DiagnosticBag): void {
  switch (e.kind) {
    case 'literal':
    case 'field':
      return;
    case 'unary':
      return checkExpr(e.operand, source, bag);
    case 'index':
      checkExpr(e.target, source, bag);
      checkExpr(e.index, source, bag);
      return;
    case 'in':
      checkExpr(e.operand, source, bag);
      for (const item of e.list) checkExpr(item, source, bag);
      return;
    case 'binary':
      checkExpr(e.left, source, bag);
      checkExpr(e.right, source, bag);
      if (e.op === '=~') checkRegexOperand(e.right, source, bag);
      return;
    case 'call': {
      for (const a of e.args) checkExpr(a, source, bag);
      const arity = SCALAR_FUNCS.get(e.name);
      if (!arity) {
        if (AGG_FUNCS.has(e.name)) {
          bag.error(`the aggregate \`${e.name}\` cannot be used in an expression`, source, e.nameSpan, [
            'aggregates belong in an aggregation stage, like `| count, avg(x) by host`',
          ]);
        } else {
          const help = didYouMean(e.name, SCALAR_FUNCS.keys());
          if (help.length === 0) help.push(`functions are: ${[...SCALAR_FUNCS.keys()].join(', ')}`);
          bag.error(`unknown function \`${e.name}\``, source, e.nameSpan, help);
        }
        return;
      }
      if (e.args.length < arity.min || e.args.length > arity.max) {
        bag.error(`\`${e.name}\` takes ${describeArity(arity)}, but ${e.args.length} ${e.args.length === 1 ? 'was' : 'were'} given`, source, e.span);
      }
      const re = arity.regexArg === undefined ? undefined : e.args[arity.regexArg];
      if (re !== undefined) checkRegexArg(e.name, re, source, bag);
    }
  }
}

function checkRegexArg(name: string, arg: Expr, source: SourceFile, bag: DiagnosticBag): void {
  if (arg.kind !== 'literal' || typeof arg.value !== 'string') {
    bag.error(`the regular expression of \`${name}\` must be a string`, source, arg.span, [
      `for example \`${name}(msg, "id=([0-9]+)"${name === 'replace' ? ', "id=?"' : ''})\``,
    ]);
    return;
  }
  const problem = regexProblem(arg.value);
  if (problem) bag.error(problem.message, source, arg.span, problem.help);
}

function checkRegexOperand(right: Expr, source: SourceFile, bag: DiagnosticBag): void {
  if (right.kind !== 'literal' || typeof right.value !== 'string') {
    bag.error('the right side of `=~` must be a string with a regular expression', source, right.span, ['for example `path =~ "^/api/"`']);
    return;
  }
  const problem = regexProblem(right.value);
  if (problem) bag.error(problem.message, source, right.span, problem.help);
}
