/**
 * An HTTP proxy in this process, in front of an S3 server (test/support/s3.ts), that fails requests the way a
 * network or a busy S3 does: SlowDown answers, connections reset before any answer, connections dropped in the
 * middle of a body, stalls. Point the client at the proxy (`createS3Client(proxy.endpoint)`): the client signs
 * the proxy's host and port, and the proxy forwards the request's head as it came (Host and Authorization
 * included, in the same order and case) and the bodies both ways unchanged (a chunked body keeps its bytes, not
 * necessarily its chunk boundaries), so requests without a fault get the server's answer exactly. s3rver does not
 * verify SigV4 signatures, so it would not notice a proxy that changed a signed header: that this one does not is
 * by construction (it forwards node's rawHeaders), not something the server checks.
 *
 * Faults come from rules: each request goes to the first rule that still has uses left and whose `when`
 * matches it; a request no rule takes is forwarded. Every request the proxy sees is recorded (`requests`, `count`),
 * whether it was faulted or forwarded, so a test can assert that a client retried.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** Answer 503 with S3's SlowDown error body, without forwarding. */
  | { readonly type: 'slowdown' }
  /** Reset the client's connection (TCP RST) before any answer, without forwarding. */
  | { readonly type: 'reset' }
  /**
   * Forward; pass the response head and the first `bytes` bytes of the body, then destroy the client's
   * connection: a connection lost in the middle of an object. A body of at most `bytes` bytes is passed whole and
   * nothing is dropped (closing the connection after a complete response would only fail the client's next request
   * on that kept-alive connection).
   */
  | { readonly type: 'dropAfter'; readonly bytes: number }
  /** Wait `ms` before forwarding (a slow first byte); the rest is forwarded as usual. */
  | { readonly type: 'stall'; readonly ms: number }
  /** Forward; pass the response head and the first `bytes` bytes of the body, wait `ms`, then pass the rest (if any). */
  | { readonly type: 'stallAfter'; readonly bytes: number; readonly ms: number };

export const faults = {
  slowdown: (): Fault => ({ type: 'slowdown' }),
  reset: (): Fault => ({ type: 'reset' }),
  dropAfter: (bytes: number): Fault => ({ type: 'dropAfter', bytes }),
  stall: (ms: number): Fault => ({ type: 'stall', ms }),
  stallAfter: (bytes: number, ms: number): Fault => ({ type: 'stallAfter', bytes, ms }),
};

/** S3's body for a 503 SlowDown. */
export const SLOW_DOWN_BODY = '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';

/**
 * The S3 operation a path-style request is, as far as tests need to tell them apart. `Multipart` is any request of
 * a multipart upload (create, part, complete, abort, list parts); `Other` is anything else (ACLs, tags, bucket
 * configuration...).
 */
export type RequestKind =
  | 'ListBuckets'
  | 'CreateBucket'
  | 'DeleteBucket'
  | 'HeadBucket'
  | 'ListObjectsV2'
  | 'ListObjects'
  | 'GetObject'
  | 'HeadObject'
  | 'PutObject'
  | 'CopyObject'
  | 'DeleteObject'
  | 'DeleteObjects'
  | 'Multipart'
  | 'Other';

export interface ProxyRequest {
  readonly method: string;
  /** The request target as sent: path and query, still percent-encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The decoded bucket (path-style), or undefined for the service root. */
  readonly bucket: string | undefined;
  /** The decoded object key, or undefined for a bucket or service request. */
  readonly key: string | undefined;
  readonly kind: RequestKind;
  /** Header names lower-cased, as node:http gives them. */
  readonly headers: http.IncomingHttpHeaders;
}

export interface ProxyRecord extends ProxyRequest {
  /** The fault the request took, or null if it was forwarded untouched (a dropAfter or stallAfter changes nothing on a body no longer than its `bytes`). */
  readonly fault: Fault | null;
}

export interface FaultRuleOptions {
  /** Only requests this matches take the fault (default: every request). */
  readonly when?: (req: ProxyRequest) => boolean;
  /** How many requests take the fault (default: 1; Infinity for every matching request until removed). */
  readonly times?: number;
}

export interface FaultRule {
  readonly fault: Fault;
  /** How many requests have taken the fault so far. */
  readonly hits: number;
  /** Uses left. */
  readonly remaining: number;
  /** No further request takes this fault. */
  remove(): void;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT` of the proxy. */
  readonly endpoint: string;
  readonly port: number;
  /** Every request seen, in arrival order. */
  readonly requests: readonly ProxyRecord[];
  /** How many requests were seen (of a kind, or matching a predicate), faulted or not. */
  count(filter?: RequestKind | ((rec: ProxyRecord) => boolean)): number;
  /** Adds a rule after the existing ones. */
  addFault(fault: Fault, options?: FaultRuleOptions): FaultRule;
  /** The next `n` requests (that `when` matches) take `fault`. */
  failNext(n: number, fault: Fault, when?: (req: ProxyRequest) => boolean): FaultRule;
  /** Removes every rule; the record of requests is kept. */
  clearFaults(): void;
  /** Stops listening, drops open connections (client and upstream) and cancels pending stalls. Idempotent. */
  close(): Promise<void>;
}

/** Predicates for `when`. */
export const match = {
  kind:
    (...kinds: RequestKind[]) =>
    (req: ProxyRequest): boolean =>
      kinds.includes(req.kind),
  /** GETs of object keys; of one key if given. */
  getObject:
    (key?: string) =>
    (req: ProxyRequest): boolean =>
      req.kind === 'GetObject' && (key === undefined || req.key === key),
  listObjectsV2: (req: ProxyRequest): boolean => req.kind === 'ListObjectsV2',
};

/**
 * Query parameters that make a request about something other than the bucket's listing or the object's bytes
 * (its ACL, tags, versions, uploads...). Others, like the SDK's `x-id=GetObject`, `prefix` or `versionId`, do not.
 */
const SUBRESOURCES = new Set([
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'delete',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'location',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versioning',
  'versions',
  'website',
]);

/** Tells what a path-style S3 request is from its method, target and headers. */
export function classify(method: string, target: string, headers: http.IncomingHttpHeaders): Omit<ProxyRequest, 'headers'> {
  const url = new URL(target, 'http://proxy.invalid');
  const query = url.searchParams;
  const [, rawBucket = '', ...rawKey] = url.pathname.split('/');
  const bucket = rawBucket === '' ? undefined : decodeURIComponent(rawBucket);
  const key = rawKey.length === 0 || (rawKey.length === 1 && rawKey[0] === '') ? undefined : decodeURIComponent(rawKey.join('/'));
  const subresource = [...query.keys()].some((k) => SUBRESOURCES.has(k));
  const kind = ((): RequestKind => {
    if (bucket === undefined) return method === 'GET' ? 'ListBuckets' : 'Other';
    if (key === undefined) {
      if (method === 'POST') return query.has('delete') ? 'DeleteObjects' : 'Other';
      if (subresource) return 'Other';
      if (method === 'GET') return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
      if (method === 'PUT') return 'CreateBucket';
      if (method === 'DELETE') return 'DeleteBucket';
      if (method === 'HEAD') return 'HeadBucket';
      return 'Other';
    }
    if (query.has('uploadId') || query.has('uploads')) return 'Multipart';
    if (subresource) return 'Other';
    if (method === 'GET') return 'GetObject';
    if (method === 'HEAD') return 'HeadObject';
    if (method === 'PUT') return headers['x-amz-copy-source'] !== undefined ? 'CopyObject' : 'PutObject';
    if (method === 'DELETE') return 'DeleteObject';
    return 'Other';
  })();
  return { method, path: target, query, bucket, key, kind };
}

interface Rule {
  fault: Fault;
  when: ((req: ProxyRequest) => boolean) | undefined;
  remaining: number;
  hits: number;
}

/** Starts a proxy on 127.0.0.1 and a free port that forwards to 127.0.0.1:`targetPort`. */
export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  const rules: Rule[] = [];
  const records: ProxyRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const agent = new http.Agent({ keepAlive: true });
  let closing: Promise<void> | undefined;

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const takeFault = (req: ProxyRequest): Fault | null => {
    for (const rule of rules) {
      if (rule.remaining > 0 && (rule.when === undefined || rule.when(req))) {
        rule.remaining--;
        rule.hits++;
        return rule.fault;
      }
    }
    return null;
  };

  const server = http.createServer((req, res) => {
    const info: ProxyRequest = { ...classify(req.method ?? 'GET', req.url ?? '/', req.headers), headers: req.headers };
    const fault = takeFault(info);
    records.push({ ...info, fault });
    switch (fault?.type) {
      case 'slowdown':
        req.resume();
        res.writeHead(503, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(SLOW_DOWN_BODY) });
        res.end(SLOW_DOWN_BODY);
        return;
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'stall':
        later(fault.ms, () => {
          if (!req.socket.destroyed) forward(req, res, undefined);
        });
        return;
      default:
        forward(req, res, fault ?? undefined);
    }
  });

  /** Sends the request on to the server and its answer back, with a dropAfter or stallAfter fault if given. */
  const forward = (req: IncomingMessage, res: ServerResponse, fault: Extract<Fault, { type: 'dropAfter' | 'stallAfter' }> | undefined): void => {
    const upstream = http.request({
      host: '127.0.0.1',
      port: targetPort,
      method: req.method,
      path: req.url,
      // As received: same names, case, order and values (Host and Authorization untouched).
      headers: req.rawHeaders,
      agent,
      setHost: false,
    });
    // The client went away (or a fault destroyed its socket): stop the upstream exchange too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end('fault proxy: upstream error');
      } else {
        res.destroy();
      }
    });
    upstream.on('response', (up) => {
      res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
      if (fault === undefined) {
        up.pipe(res);
        return;
      }
      res.flushHeaders();
      pumpWithFault(up, res, req.socket, fault);
    });
    req.pipe(upstream);
  };

  const pumpWithFault = (up: IncomingMessage, res: ServerResponse, clientSocket: Socket, fault: Extract<Fault, { type: 'dropAfter' | 'stallAfter' }>): void => {
    let passed = 0;
    let triggered = false;
    let stalled = false;
    /** Writes to the client, pausing the upstream body while the client's side is full. */
    const pass = (chunk: Buffer): void => {
      if (chunk.length === 0 || res.write(chunk)) return;
      up.pause();
      res.once('drain', () => {
        if (!stalled) up.resume();
      });
    };
    /** Called when `fault.bytes` bytes have been written and there is more: `rest`, the unwritten part of the chunk at hand. */
    const trigger = (rest: Buffer): void => {
      triggered = true;
      if (fault.type === 'dropAfter') {
        up.destroy();
        // An empty write's callback runs once everything written before it is handed to the kernel: the client
        // gets exactly those bytes, then the connection closes.
        clientSocket.write('', () => clientSocket.destroy());
        return;
      }
      stalled = true;
      up.pause();
      later(fault.ms, () => {
        stalled = false;
        if (clientSocket.destroyed) return;
        pass(rest);
        if (!res.writableNeedDrain) up.resume();
      });
    };
    up.on('data', (chunk: Buffer) => {
      if (triggered) {
        if (fault.type === 'stallAfter') pass(chunk);
        return;
      }
      const room = fault.bytes - passed;
      if (chunk.length <= room) {
        passed += chunk.length;
        pass(chunk);
        return;
      }
      pass(chunk.subarray(0, room));
      passed = fault.bytes;
      trigger(chunk.subarray(room));
    });
    // Reached only if the fault did not drop the connection.
    up.on('end', () => res.end());
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const proxy: FaultProxy = {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    requests: records,
    count(filter) {
      if (filter === undefined) return records.length;
      if (typeof filter === 'string') return records.filter((r) => r.kind === filter).length;
      return records.filter(filter).length;
    },
    addFault(fault, options = {}) {
      const rule: Rule = { fault, when: options.when, remaining: options.times ?? 1, hits: 0 };
      rules.push(rule);
      return {
        fault,
        get hits() {
          return rule.hits;
        },
        get remaining() {
          return rule.remaining;
        },
        remove() {
          rule.remaining = 0;
        },
      };
    },
    failNext(n, fault, when) {
      return proxy.addFault(fault, { times: n, when });
    },
    clearFaults() {
      for (const rule of rules) rule.remaining = 0;
      rules.length = 0;
    },
    close() {
      closing ??= (async () => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        agent.destroy();
        await closed;
      })();
      return closing;
    },
  };
  return proxy;
}
