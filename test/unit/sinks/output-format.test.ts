import { describe, expect, it } from 'vitest';
import { chooseOutputFormat, colorEnabled } from '../../../src/io/sinks/output-format.js';

describe('chooseOutputFormat', () => {
  it('defaults to a table on a terminal and NDJSON elsewhere', () => {
    expect(chooseOutputFormat(undefined, true)).toBe('table');
    expect(chooseOutputFormat(undefined, false)).toBe('ndjson');
  });

  it('keeps an explicit -o', () => {
    expect(chooseOutputFormat('csv', true)).toBe('csv');
    expect(chooseOutputFormat('table', false)).toBe('table');
    expect(chooseOutputFormat('ndjson', true)).toBe('ndjson');
  });
});

describe('colorEnabled', () => {
  const tty = { isTTY: true };
  it('is on for a terminal only', () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });

  it('is off when NO_COLOR is set and not empty', () => {
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('is off with FORCE_COLOR=0 or TERM=dumb; FORCE_COLOR does not colour a pipe', () => {
    expect(colorEnabled(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(false);
  });
});
