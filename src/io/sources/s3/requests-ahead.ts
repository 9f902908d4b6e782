import type { ObjectBody } from './object-store.js';

/**
 * Object requests made ahead of reading (an object the job has added but not started): the
 * reader takes the answer when the object's turn comes, so the round trip of a request overlaps
 * the reading of the objects before it. Unread bodies hold their connection, backpressured;
 * `clear` releases them (the job stopped).
 */
export class RequestsAhead {
  private readonly pending = new Map<string, Promise<ObjectBody>>();

  put(id: string, answer: Promise<ObjectBody>): void {
    // Failures surface when the reader takes the answer (it requests again or reports them).
    answer.catch(() => {});
    this.pending.set(id, answer);
  }

  take(id: string): Promise<ObjectBody> | undefined {
    const answer = this.pending.get(id);
    this.pending.delete(id);
    return answer;
  }

  clear(): void {
    for (const answer of this.pending.values())
      answer.then(
        (a) => a.destroy(),
        () => {},
      );
    this.pending.clear();
  }
}
