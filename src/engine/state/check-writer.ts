import { KEY_GROUPS } from './key-groups.js';
import { StateError } from './state-error.js';

/** Throws unless `id` is a valid next checkpoint id after `latestId`. */
export function checkBeginId(id: number, latestId: number | null): void {
  if (!Number.isSafeInteger(id) || id < 0) throw new StateError(`invalid checkpoint id ${id}`);
  if (latestId !== null && id <= latestId) {
    throw new StateError(`checkpoint ${id} is not newer than the last committed checkpoint ${latestId}`);
  }
}

/** Throws unless `kg` is a key group. */
export function checkKeyGroup(kg: number): void {
  if (!Number.isInteger(kg) || kg < 0 || kg >= KEY_GROUPS) {
    throw new StateError(`invalid key group ${kg} (0..${KEY_GROUPS - 1})`);
  }
}
