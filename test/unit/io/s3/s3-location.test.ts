import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/common/errors.js';
import { isS3Url, parseS3Url } from '../../../../src/io/sources/s3/s3-location.js';

describe('s3:// inputs', () => {
  it('a plain prefix takes every key that starts with it, as S3 lists it, but no folder markers', () => {
    const l = parseS3Url('s3://logs/nginx/2026-11');
    expect([l.bucket, l.prefix]).toEqual(['logs', 'nginx/2026-11']);
    expect(l.takes('nginx/2026-11-01.log')).toBe(true);
    expect(l.takes('nginx/2026-11/a.log')).toBe(true);
    expect(l.takes('nginx/2026-10-31.log')).toBe(false);
    expect(l.takes('nginx/2026-11/')).toBe(false);
  });

  it('a bucket alone, with or without a slash, takes every key', () => {
    for (const url of ['s3://logs', 's3://logs/']) {
      const l = parseS3Url(url);
      expect([l.bucket, l.prefix, l.takes('a/b.log'), l.takes('x')]).toEqual(['logs', '', true, true]);
    }
  });

  it('a glob lists from its static prefix and takes what it matches: * within a level, ** across', () => {
    const one = parseS3Url('s3://logs/app/2026-*.json.gz');
    expect(one.prefix).toBe('app/2026-');
    expect(one.takes('app/2026-11-30.json.gz')).toBe(true);
    expect(one.takes('app/2026-11/30.json.gz')).toBe(false);
    expect(one.takes('app/2026-11-30.json')).toBe(false);
    const deep = parseS3Url('s3://logs/app/**/*.log');
    expect(deep.prefix).toBe('app/');
    expect(deep.takes('app/x/y/z.log')).toBe(true);
    expect(deep.takes('app/z.log')).toBe(true);
    expect(deep.takes('other/z.log')).toBe(false);
  });

  it('names without a bucket are usage errors', () => {
    expect(() => parseS3Url('s3://')).toThrow(UsageError);
    expect(() => parseS3Url('s3:///key')).toThrow(UsageError);
    expect(() => parseS3Url('s3://b*/key')).toThrow(UsageError);
    expect(isS3Url('s3://b')).toBe(true);
    expect(isS3Url('./s3:/b')).toBe(false);
  });
});
