import { rmSync, statSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { StateError } from './state-error.js';

/** The socket file of the hold where there is no abstract namespace (not Linux). */
export const LOCK_FILE = 'fstream.lock';

/** An exclusive hold on a state directory; `release()` ends it (so does the process's exit). */
export interface StateLock {
  release(): Promise<void>;
}

/**
 * Takes the one-process hold on the existing directory `dir`, or throws `StateError` naming the
 * process that has it. On Linux the hold is a Unix socket bound in the abstract namespace under a
 * name made of the directory's device and inode (every path to it, symlinks and bind mounts
 * included, names the same hold): binding is atomic, the kernel unbinds it when the process ends
 * however it ends, so a crash (kill -9) leaves no stale lock, and nothing is written in the
 * directory. Processes in another network namespace (containers sharing the directory) do not
 * see it. Elsewhere it is a socket file in the directory, replaced when nothing answers on it.
 * The socket answers a connection with the holder's pid, for the refusal message.
 */
export async function lockStateDir(dir: string, opts: { abstract?: boolean } = {}): Promise<StateLock> {
  const abstract = opts.abstract ?? process.platform === 'linux';
  const name = abstract ? abstractName(dir) : join(dir, LOCK_FILE);
  let server = await bind(name);
  if (server === null && !abstract && (await holderPid(name)) === 'gone') {
    // A socket file nobody listens on is left by a crash.
    rmSync(name, { force: true });
    server = await bind(name);
  }
  if (server === null) {
    const pid = await holderPid(name);
    const who = typeof pid === 'number' ? ` (pid ${pid})` : '';
    throw new StateError(`the state directory ${dir} is in use by another fstream process${who}; one process per state directory`);
  }
  // The hold must not keep the process alive.
  server.unref();
  const held = server;
  let released: Promise<void> | null = null;
  return {
    release: () =>
      (released ??= new Promise<void>((resolve) => held.close(() => resolve())).then(() => {
        if (!abstract) rmSync(name, { force: true });
      })),
  };
}

function abstractName(dir: string): string {
  const st = statSync(dir);
  return `\0fstream-state:${st.dev}:${st.ino}`;
}

/** A server listening on `name`, or null when the name is taken. */
async function bind(name: string): Promise<Server | null> {
  const server = createServer((socket) => socket.end(`${process.pid}\n`));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ path: name, exclusive: true }, () => resolve());
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') return null;
    throw new StateError(`cannot lock the state directory: ${(err as Error).message}`, { cause: err });
  }
  server.on('error', () => {});
  return server;
}

/**
 * Asks the holder for its pid: the pid, null when it does not say within a second, or 'gone'
 * when nothing listens on the name.
 */
function holderPid(name: string): Promise<number | null | 'gone'> {
  return new Promise((resolve) => {
    let text = '';
    const socket = createConnection({ path: name });
    const done = (pid: number | null | 'gone'): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(pid);
    };
    const timer = setTimeout(() => done(null), 1000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => done(/^\d+\n$/.test(text) ? Number(text.trim()) : null));
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED' ? 'gone' : null));
  });
}
