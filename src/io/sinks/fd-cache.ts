import { closeSync, openSync } from 'node:fs';

/**
 * Open file descriptors for appending, at most `max` at a time (least recently used closed first),
 * so a template that fans out to thousands of files does not run out of descriptors.
 */
export class FdCache {
  private readonly fds = new Map<string, number>();

  constructor(private readonly max = 64) {}

  /** An fd open for appending to `path` (created if missing). */
  get(path: string): number {
    let fd = this.fds.get(path);
    if (fd !== undefined) {
      this.fds.delete(path);
    } else {
      if (this.fds.size >= this.max) {
        const [oldest, ofd] = this.fds.entries().next().value as [string, number];
        this.fds.delete(oldest);
        closeSync(ofd);
      }
      fd = openSync(path, 'a');
    }
    this.fds.set(path, fd);
    return fd;
  }

  /** Closes the fd of `path`, if open. */
  close(path: string): void {
    const fd = this.fds.get(path);
    if (fd === undefined) return;
    this.fds.delete(path);
    closeSync(fd);
  }

  closeAll(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}
