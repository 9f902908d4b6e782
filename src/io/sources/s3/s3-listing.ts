import type { ObjectStore, StoredObject } from './object-store.js';
import type { S3Location } from './s3-location.js';

/**
 * The objects of an S3 input after key `after` (all when undefined), in key order, page by page
 * (ListObjectsV2, 1,000 keys a page): only one page is held at a time, whatever the number of
 * objects. Yields every listed key — `taken` says whether the input takes it — so a caller can
 * move a cursor past the keys it skips.
 */
export async function* listAfter(
  store: ObjectStore,
  location: S3Location,
  after: string | undefined,
  signal: AbortSignal,
): AsyncGenerator<{ object: StoredObject; taken: boolean }> {
  let token: string | undefined;
  do {
    const page = await store.list(location.bucket, location.prefix, { startAfter: after, token, signal });
    for (const object of page.objects) {
      // Some stores ignore StartAfter together with a continuation token: never go back.
      if (after !== undefined && object.key <= after) continue;
      yield { object, taken: location.takes(object.key) };
    }
    token = page.next;
  } while (token !== undefined && !signal.aborted);
}
