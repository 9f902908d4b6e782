/**
 * Which SourceFile a node's spans point into. Most nodes belong to the pipeline's own source; the
 * ones made from command-line options (`--time ts`, `--lag 5s`) point into `<option --lag>`.
 */
import type { SourceFile } from './source.js';

export class NodeSources {
  private readonly foreign = new WeakMap<object, SourceFile>();

  constructor(readonly main: SourceFile) {}

  set(node: object, source: SourceFile): void {
    this.foreign.set(node, source);
  }

  /** The source of `node`, else of `parent` (its stage), else the main source. */
  of(node: object | undefined, parent?: object): SourceFile {
    return (node && this.foreign.get(node)) ?? (parent && this.foreign.get(parent)) ?? this.main;
  }
}
