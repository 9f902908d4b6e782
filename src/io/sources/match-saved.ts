import { stat } from 'node:fs/promises';
import type { SavedSplit } from '../../engine/contracts/source.js';
import { createFileSplit } from './file-split.js';
import { fileIdentity, fileIdentityFor, findByIdentity, sameFile, type FileIdentity } from './file-identity.js';
import { localSplit, type LocalSplit } from './local-split.js';
import { siblings } from './siblings.js';
import type { Split } from './split.js';

/** A split to read, with the saved state it resumes from. */
export interface Resumable {
  split: LocalSplit;
  resume: SavedSplit | null;
}

/**
 * The splits of `inputs` (in order) matched with the saved splits of a checkpoint: a file is the
 * saved one when its identity is (dev + inode + the fingerprint of its first bytes, also after it
 * grew); stdin and pipes by name, resumed at their start (they cannot be replayed) but keeping
 * their other state. A saved file that none of the inputs is, but that was rotated to another name
 * in its directory (`a.log` → `a.log.1`), is added after them under that name, to be read on.
 * Saved splits found nowhere are left out.
 */
export async function matchSaved(inputs: Split[], saved: SavedSplit[]): Promise<Resumable[]> {
  const identities = await Promise.all(inputs.map(identityOf));
  const resumes: (SavedSplit | null)[] = inputs.map(() => null);
  const ids: (string | undefined)[] = inputs.map(() => undefined);
  const extra: Resumable[] = [];
  for (const s of saved) {
    const savedId = s.identity as FileIdentity | null;
    const i = await findCurrent(s, savedId, inputs, identities);
    if (i >= 0) {
      const replayable = inputs[i]!.replayable && identities[i] !== null;
      resumes[i] = replayable ? s : { ...s, offset: 0, line: 1, ended: false };
      ids[i] = s.id;
      continue;
    }
    const rotated = savedId ? await findRotated(s.name, savedId) : null;
    if (rotated !== null) extra.push({ split: { ...localSplit(createFileSplit(rotated), savedId, s.id), rotated: true }, resume: s });
  }
  return [...inputs.map((input, i) => ({ split: localSplit(input, identities[i]!, ids[i]), resume: resumes[i]! })), ...extra];
}

/** The identity of a regular file; null for stdin, pipes and what cannot be read. */
export async function identityOf(split: Split): Promise<FileIdentity | null> {
  const path = (split as { path?: string }).path;
  if (!path || !split.replayable) return null;
  try {
    if (!(await stat(path)).isFile()) return null;
    return await fileIdentity(path);
  } catch {
    return null;
  }
}

async function findCurrent(saved: SavedSplit, savedId: FileIdentity | null, inputs: Split[], identities: (FileIdentity | null)[]): Promise<number> {
  for (let i = 0; i < inputs.length; i++) {
    const id = identities[i];
    if (savedId && id) {
      const path = (inputs[i] as unknown as { path: string }).path;
      const now = id.fingerprintBytes === savedId.fingerprintBytes ? id : await fileIdentityFor(path, savedId).catch(() => null);
      if (now !== null && sameFile(savedId, now)) return i;
    } else if (!savedId && !id && saved.name === inputs[i]!.name) return i;
  }
  return -1;
}

/** A file rotated away from its name (`a.log` → `a.log.1`): same identity, same directory. */
async function findRotated(name: string, identity: FileIdentity): Promise<string | null> {
  return findByIdentity(await siblings(name), identity);
}
