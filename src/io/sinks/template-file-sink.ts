import { mkdirSync, openSync, closeSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Rec } from '../../common/record.js';
import { RuntimeError } from '../../common/errors.js';
import type { Encoder } from './encoder.js';
import type { Sink } from '../../engine/contracts/sink.js';
import { CsvRows } from './csv-rows.js';
import { FdCache } from './fd-cache.js';
import type { PathTemplate } from './path-template.js';
import { NdjsonEncoder } from './ndjson-encoder.js';

/** One output file of the template in this run. */
interface Target {
  encoder: Encoder;
  pending: string[];
}

/**
 * `--to` with a template (`out/{host}.ndjson`) and no `--state`: each record goes to the file its
 * values name (see `compilePathTemplate`: values never lead outside the template's directory).
 * A file is replaced the first time this run writes to it, then appended to; CSV files get their
 * header once. At most `maxOpenFiles` stay open (least recently used closed first). Text is
 * written at every `flush`; an I/O error (an unwritable directory, a full disk) rejects `flush`
 * and `close` with a `RuntimeError` naming the file.
 */
export class TemplateFileSink implements Sink {
  readonly closed = false;
  readonly acceptsNdjson = false;
  private readonly targets = new Map<string, Target>();
  private readonly fds: FdCache;
  private failure: RuntimeError | null = null;

  constructor(
    private readonly template: PathTemplate,
    private readonly format: 'ndjson' | 'csv',
    maxOpenFiles = 64,
  ) {
    this.fds = new FdCache(maxOpenFiles);
  }

  write(rec: Rec): void {
    if (this.failure !== null) return;
    let path: string;
    try {
      path = this.template.render(rec);
    } catch (err) {
      this.failure = new RuntimeError(`cannot write output: ${(err as Error).message}`, { cause: err });
      return;
    }
    let t = this.targets.get(path);
    if (t === undefined) {
      t = this.create(path);
      if (t === undefined) return;
    }
    t.pending.push(t.encoder.encode(rec));
  }

  writeNdjson(): void {
    throw new RuntimeError('a templated output takes records, not encoded NDJSON');
  }

  async flush(): Promise<void> {
    if (this.failure === null) {
      for (const [path, t] of this.targets) {
        if (t.pending.length === 0) continue;
        const buf = Buffer.from(t.pending.join(''));
        t.pending = [];
        try {
          const fd = this.fds.get(path);
          for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off);
        } catch (err) {
          this.failure = new RuntimeError(`cannot write to ${path}: ${(err as Error).message}`, { cause: err });
          break;
        }
      }
    }
    if (this.failure !== null) throw this.failure;
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.fds.closeAll();
    }
  }

  /** Creates (or empties) the file at `path`; undefined once failed. */
  private create(path: string): Target | undefined {
    try {
      mkdirSync(dirname(path), { recursive: true });
      closeSync(openSync(path, 'w'));
    } catch (err) {
      this.failure = new RuntimeError(`cannot open ${path} for writing: ${(err as Error).message}`, { cause: err });
      return undefined;
    }
    const t: Target = { encoder: this.format === 'csv' ? new CsvRows() : new NdjsonEncoder(), pending: [] };
    this.targets.set(path, t);
    return t;
  }
}
