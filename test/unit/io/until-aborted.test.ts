import { describe, expect, it } from 'vitest';
import { untilAborted } from '../../../src/io/sources/until-aborted.js';

describe('untilAborted', () => {
  it('passes every item through until the source ends', async () => {
    const got: number[] = [];
    async function* three() {
      yield* [1, 2, 3];
    }
    for await (const x of untilAborted(three(), new AbortController().signal)) got.push(x);
    expect(got).toEqual([1, 2, 3]);
  });

  it('ends at once when aborted while the source waits, and tells the source to return', async () => {
    let returned = false;
    const waiting: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<number>>(() => {}),
        return: async () => {
          returned = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const ac = new AbortController();
    const got: number[] = [];
    const done = (async () => {
      for await (const x of untilAborted(waiting, ac.signal)) got.push(x);
    })();
    setTimeout(() => ac.abort(), 10);
    await done;
    expect(got).toEqual([]);
    expect(returned).toBe(true);
  });

  it('swallows the error of a read that fails because of the abort', async () => {
    const ac = new AbortController();
    const failing: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<number>>((_, reject) => ac.signal.addEventListener('abort', () => reject(new Error('destroyed')))),
      }),
    };
    setTimeout(() => ac.abort(), 10);
    const got: number[] = [];
    for await (const x of untilAborted(failing, ac.signal)) got.push(x);
    expect(got).toEqual([]);
  });
});
