// Counts the Postgres round trips each HTTP request of `next start` makes, for the benches: loaded
// into the app with NODE_OPTIONS="--import ./bench/sql-count.mjs" and BENCH_SQL_LOG=<file>. Wall
// times on a shared 2-core box are noisy; the number of queries a page view or action sends is not.
//
// Every request runs in its own AsyncLocalStorage context (http.Server's "request" event); each
// pg Client.query() inside it (the pool's and a transaction's, BEGIN and COMMIT included) adds one.
// pg-pool may hand a client to a waiting caller from another context, so the connect callback is
// bound to its caller's context. Background work (pg-boss, sweeps) runs outside any request and is
// not counted. When the response ends, one JSON line goes to the file: method, path, whether it was
// a server action, the count, wall and CPU time, and (BENCH_SQL_TEXT=1) the first characters of each statement.
import fs from "node:fs";
import http from "node:http";
import { AsyncLocalStorage, AsyncResource } from "node:async_hooks";
import { createRequire } from "node:module";

const file = process.env.BENCH_SQL_LOG;
if (file) {
  const withText = process.env.BENCH_SQL_TEXT === "1";
  const require = createRequire(`${process.cwd()}/package.json`);
  const pg = require("pg");
  const als = new AsyncLocalStorage();

  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(config, ...rest) {
    const store = als.getStore();
    if (!store) return query.call(this, config, ...rest);
    store.n += 1;
    if (withText) {
      const text = typeof config === "string" ? config : (config?.text ?? "");
      store.sql.push(text.replace(/\s+/g, " ").slice(0, 160));
    }
    // Time until the answer, by callback or promise (pg-pool passes a callback, the Prisma adapter awaits).
    const t0 = performance.now();
    const took = () => void (store.dbMs += performance.now() - t0);
    const last = rest.length - 1;
    if (last >= 0 && typeof rest[last] === "function") {
      const cb = rest[last];
      rest[last] = function timedCallback(...args) {
        took();
        return cb.apply(this, args);
      };
      return query.call(this, config, ...rest);
    }
    const out = query.call(this, config, ...rest);
    if (out && typeof out.then === "function") out.then(took, took);
    return out;
  };
  const connect = pg.Pool.prototype.connect;
  pg.Pool.prototype.connect = function boundConnect(cb) {
    return connect.call(this, typeof cb === "function" ? AsyncResource.bind(cb) : cb);
  };

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function countedEmit(event, req, res) {
    if (event !== "request") return emit.apply(this, arguments);
    const store = { n: 0, dbMs: 0, sql: [] };
    const t0 = performance.now();
    // The process's CPU time while the request was open: the bench sends one request at a time, so
    // it is that request's (plus whatever background work ran meanwhile), and load does not inflate it
    // the way it does wall time.
    const cpu0 = process.cpuUsage();
    // On the monotonic clock V8's CPU profile stamps its samples with (µs): bench/cpu-profile.mjs
    // --requests keeps only the samples taken while a request of a kind was open.
    const startUs = Number(process.hrtime.bigint() / 1000n);
    const done = () => {
      const line = {
        method: req.method,
        path: req.url,
        action: Boolean(req.headers["next-action"]),
        // Next re-posts an action to the page that imports it when it reached another page's URL.
        forwarded: Boolean(req.headers["x-action-forwarded"]),
        status: res.statusCode,
        queries: store.n,
        ms: Math.round((performance.now() - t0) * 10) / 10,
        dbMs: Math.round(store.dbMs * 10) / 10,
        startUs,
        endUs: Number(process.hrtime.bigint() / 1000n),
        cpuMs: Math.round(((c) => c.user + c.system)(process.cpuUsage(cpu0)) / 100) / 10,
        ...(withText ? { sql: store.sql } : {}),
      };
      fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
    };
    res.once("close", done);
    return als.run(store, () => emit.apply(this, arguments));
  };
}
