import { describe, expect, it } from 'vitest';
import { createDecoder, DecodeError } from '../../../src/io/formats/index.js';

const nginx = () => createDecoder({ kind: 'nginx' }, { fields: null });
const apache = () => createDecoder({ kind: 'apache' }, { fields: null });

const COMBINED =
  '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"';

describe('nginx / apache combined log format', () => {
  it('gives exactly the documented fields', () => {
    const rec = nginx().decode(COMBINED);
    expect(rec).toEqual({
      remote_addr: '127.0.0.1',
      remote_user: 'frank',
      time: '10/Oct/2000:13:55:36 -0700',
      method: 'GET',
      path: '/apache_pb.gif',
      protocol: 'HTTP/1.0',
      status: 200,
      bytes: 2326,
      referer: 'http://www.example.com/start.html',
      user_agent: 'Mozilla/4.08 [en] (Win98; I ;Nav)',
    });
    expect(Object.keys(rec ?? {})).toEqual(['remote_addr', 'remote_user', 'time', 'method', 'path', 'protocol', 'status', 'bytes', 'referer', 'user_agent']);
  });

  it('turns - into null', () => {
    const line = '10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] "POST /api HTTP/1.1" 204 - "-" "-"';
    expect(apache().decode(line)).toMatchObject({ remote_user: null, bytes: null, referer: null, user_agent: null, status: 204 });
  });

  it('keeps what follows the user agent in extra', () => {
    const rec = nginx().decode(`${COMBINED} "10.1.1.1" rt=0.123`);
    expect(rec?.extra).toBe('"10.1.1.1" rt=0.123');
  });

  it('parses the common log format (no referer, no user agent)', () => {
    const rec = apache().decode('127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326');
    expect(rec).toMatchObject({ path: '/apache_pb.gif', status: 200, bytes: 2326, referer: null, user_agent: null });
    expect(rec).not.toHaveProperty('extra');
  });

  it('unescapes quotes in the user agent and copes with odd request lines', () => {
    const rec = nginx().decode('::1 - - [t] "-" 400 0 "-" "a \\"quoted\\" agent"');
    expect(rec).toMatchObject({ remote_addr: '::1', method: null, path: null, protocol: null, user_agent: 'a "quoted" agent' });
    const bin = nginx().decode('1.2.3.4 - - [t] "\\x16\\x03\\x01" 400 157 "-" "-"');
    expect(bin).toMatchObject({ method: null, path: '\\x16\\x03\\x01', protocol: null, status: 400 });
  });

  it('rejects a line in another format and skips blank lines', () => {
    expect(() => nginx().decode('not a log line')).toThrow(DecodeError);
    expect(() => apache().decode('{"a":1}')).toThrow('line does not match the apache combined log format');
    expect(nginx().decode('  ')).toBeUndefined();
  });
});
