import { readFileSync } from "node:fs";
import Fastify, { type FastifyInstance } from "fastify";
import formbody from "@fastify/formbody";
import { defaultConfig, type SimConfig } from "./config";
import { loadContract, OPENAPI_PATH } from "./contract";
import { registerContractRoutes } from "./contract-routes";
import { registerControl } from "./control";
import { startDemoAlarms } from "./demo-alarms";
import { setErrorAnswers } from "./error-answers";
import { SimError } from "./errors";
import { addRequestHooks } from "./request-hooks";
import { Sim } from "./sim";
import { Sleeps } from "./sleeps";
import { openStateFile } from "./state-file";
import type { Store } from "./store";

export type { SimConfig } from "./config";
export { Sim } from "./sim";

export interface StartOptions {
  port?: number;
  host?: string;
  seed?: "demo" | "empty";
  /** Load state from this file at start and save to it (debounced) on change. */
  dataFile?: string | null;
  /** Raise an alarm on a random site of a dealer with a CHeKT App every N seconds (0/undefined = off). */
  demoAlarmEveryS?: number;
  config?: Partial<SimConfig>;
}

export interface RunningSimulator {
  url: string;
  port: number;
  sim: Sim;
  readonly state: Store;
  config: SimConfig;
  close(): Promise<void>;
}

/** JSON bodies whose parse error is the API's 400 (an empty body is no body). */
function parseJsonBodies(app: FastifyInstance) {
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, raw, done) => {
    const text = String(raw);
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new SimError(400, "validation_failed", "request body is not valid JSON", "body"), undefined);
    }
  });
}

/** The pages around the API: a responder's tracking page (alarm.dispatched links it), an index, the document. */
function registerPages(app: FastifyInstance) {
  app.get<{ Params: { id: string } }>("/track/:id", async (req, reply) => {
    const id = req.params.id.replace(/[^\w-]/g, "");
    return reply
      .type("text/html; charset=utf-8")
      .send(`<!doctype html><title>Responder tracking</title><p>Responder en route for ${id}.</p>`);
  });
  app.get("/", async () => ({ name: "CHeKT simulator", openapi: "/openapi.yaml", control: "/_sim" }));
  app.get("/openapi.yaml", async (_req, reply) => reply.type("application/yaml").send(readFileSync(OPENAPI_PATH)));
}

/** Start a simulator. `port: 0` picks a free port. `close()` stops every timer and socket. */
export async function startSimulator(opts: StartOptions = {}): Promise<RunningSimulator> {
  const config: SimConfig = { ...defaultConfig, ...opts.config };
  const contract = loadContract();
  const seed = opts.seed ?? "demo";
  const stateFile = openStateFile(opts.dataFile, seed, () => sim.store);
  const sim = new Sim(config, contract, seed, stateFile.changed, stateFile.initial);
  const sleeps = new Sleeps();

  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 5 * 1024 * 1024, trustProxy: false });
  await app.register(formbody);
  parseJsonBodies(app);
  addRequestHooks(app, sim, sleeps, stateFile.changed);
  setErrorAnswers(app, sim);
  registerContractRoutes(app, sim, contract);
  registerPages(app);
  registerControl(app, sim, () => undefined);

  const host = opts.host ?? "127.0.0.1";
  await app.listen({ port: opts.port ?? 0, host });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : (opts.port ?? 0);
  const url = `http://${host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host}:${port}`;
  sim.baseUrl = url;
  sim.deliverer.resume();
  const stopDemoAlarms =
    opts.demoAlarmEveryS && opts.demoAlarmEveryS > 0 ? startDemoAlarms(sim, opts.demoAlarmEveryS) : null;

  let closed = false;
  return {
    url,
    port,
    sim,
    get state() {
      return sim.store;
    },
    config,
    async close() {
      if (closed) return;
      closed = true;
      stopDemoAlarms?.();
      stateFile.stop();
      sleeps.wakeAll();
      sim.deliverer.close();
      await app.close();
      stateFile.saveNow();
    },
  };
}
