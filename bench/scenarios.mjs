// Benchmark scenarios: one fstream query per scenario, the same work as DuckDB SQL (for `--peers`),
// and how to compare the two results.
//
// Every scenario runs over the NDJSON access log made by bench/gen.mjs:
//   {"ts","host","route","method","status","latency_ms","bytes","user","ua"}
// The generator's disorder is < 3 s, so with `--lag 5s` no event is late and fstream's windowed
// results must equal DuckDB's exactly (p95 within fstream's documented 1% relative error).

/** Schema of the generated lines, so DuckDB does not sample the file to guess it. */
const COLUMNS =
  "{ts: 'TIMESTAMP', host: 'VARCHAR', route: 'VARCHAR', method: 'VARCHAR', status: 'BIGINT', " +
  "latency_ms: 'DOUBLE', bytes: 'BIGINT', user: 'VARCHAR', ua: 'VARCHAR'}";

/** SQL string literal. */
export const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;

/** `read_ndjson(...)` over the data file. */
export const source = (file) => `read_ndjson(${sqlString(file)}, columns = ${COLUMNS})`;

/** fstream's ISO-8601 UTC with milliseconds, from a DuckDB TIMESTAMP expression. */
const iso = (expr) => `strftime(${expr}, '%Y-%m-%dT%H:%M:%S.%gZ')`;

const EVENT_TIME = ['--time', 'ts', '--lag', '5s'];

/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {string} description   what it measures
 * @property {string[]} args        fstream options before the query (`--from FILE` is added by the runner)
 * @property {string} query         the fstream query
 * @property {(file: string) => string} sql   the same work in DuckDB SQL
 * @property {'count' | 'rows'} peerOutput     `count`: the SQL returns one number (compared with
 *   fstream's output line count); `rows`: the SQL returns rows shaped like fstream's NDJSON output
 * @property {string[]} [key]       output fields that identify a row (for `rows`)
 * @property {Record<string, {exact?: true, rel?: number}>} [compare]  how each value field is compared
 */

/** @type {Scenario[]} */
export const scenarios = [
  {
    name: 'filter',
    description: 'decode every line and keep 5xx records (~3% of the input); no event time, no state',
    args: [],
    query: 'json | where status >= 500',
    sql: (f) => `SELECT count(*) AS count FROM ${source(f)} WHERE status >= 500`,
    peerOutput: 'count',
  },
  {
    name: 'tumbling-status',
    description: 'event time + watermarks, 1-minute tumbling windows, one count per (window, status): ~10 keys',
    args: EVENT_TIME,
    query: 'json | window tumbling 1m | count by status',
    sql: (f) => `
      SELECT ${iso('b')} AS window_start, ${iso('b + INTERVAL 1 minute')} AS window_end, status, count(*) AS count
      FROM (SELECT time_bucket(INTERVAL 1 minute, ts::TIMESTAMP) AS b, status FROM ${source(f)})
      GROUP BY ALL`,
    peerOutput: 'rows',
    key: ['window_start', 'window_end', 'status'],
    compare: { count: { exact: true } },
  },
  {
    name: 'tumbling-route',
    description: '1-minute tumbling windows by route (~200 keys) with five aggregates, including a p95 sketch',
    args: EVENT_TIME,
    query: 'json | window tumbling 1m | count, avg(latency_ms), sum(bytes), max(latency_ms), p95(latency_ms) by route',
    sql: (f) => `
      SELECT ${iso('b')} AS window_start, ${iso('b + INTERVAL 1 minute')} AS window_end, route,
             count(*) AS count, avg(latency_ms) AS avg_latency_ms, sum(bytes) AS sum_bytes,
             max(latency_ms) AS max_latency_ms, quantile_cont(latency_ms, 0.95) AS p95_latency_ms
      FROM (SELECT time_bucket(INTERVAL 1 minute, ts::TIMESTAMP) AS b, route, latency_ms, bytes FROM ${source(f)})
      GROUP BY ALL`,
    peerOutput: 'rows',
    key: ['window_start', 'window_end', 'route'],
    compare: {
      count: { exact: true },
      avg_latency_ms: { rel: 1e-9 },
      sum_bytes: { exact: true },
      max_latency_ms: { exact: true },
      p95_latency_ms: { rel: 0.01 },
    },
  },
  {
    name: 'sliding-users',
    description: 'sliding 5m windows every 1m (each event in 5 windows), exact distinct users per host (~20 keys)',
    args: EVENT_TIME,
    query: 'json | window sliding 5m every 1m | count_distinct(user) as users by host',
    sql: (f) => `
      SELECT ${iso('ws')} AS window_start, ${iso('ws + INTERVAL 5 minute')} AS window_end, host,
             count(DISTINCT user) AS users
      FROM (SELECT time_bucket(INTERVAL 1 minute, ts::TIMESTAMP) - to_minutes(k) AS ws, host, user
            FROM ${source(f)} CROSS JOIN range(0, 5) AS r(k))
      GROUP BY ALL`,
    peerOutput: 'rows',
    key: ['window_start', 'window_end', 'host'],
    compare: { users: { exact: true } },
  },
  {
    name: 'session-user',
    description: 'session windows (30s gap) per user (~50k keys, Zipf): merging windows, lots of small state',
    args: EVENT_TIME,
    query: 'json | window session 30s | count by user',
    // As in fstream (and Flink), sessions that touch merge: a gap of more than 30 s starts a new one.
    // Default (RANGE) framing gives rows with equal ts the same running sum, so ties cannot split.
    sql: (f) => `
      WITH e AS (SELECT user, ts::TIMESTAMP AS ts FROM ${source(f)}),
      g AS (SELECT user, ts,
                   CASE WHEN ts - lag(ts) OVER (PARTITION BY user ORDER BY ts) <= INTERVAL 30 second
                        THEN 0 ELSE 1 END AS starts
            FROM e),
      s AS (SELECT user, ts, sum(starts) OVER (PARTITION BY user ORDER BY ts) AS sid FROM g)
      SELECT ${iso('min(ts)')} AS window_start, ${iso('max(ts) + INTERVAL 30 second')} AS window_end, user,
             count(*) AS count
      FROM s GROUP BY user, sid`,
    peerOutput: 'rows',
    key: ['window_start', 'window_end', 'user'],
    compare: { count: { exact: true } },
  },
];

export const scenarioNames = scenarios.map((s) => s.name);

/** The scenario called NAME, or undefined. */
export const findScenario = (name) => scenarios.find((s) => s.name === name);
