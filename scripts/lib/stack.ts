// Starting the pieces the demo and the end-to-end tests share: the CHeKT simulator and the app,
// each as a child process on a port of our choosing, with the environment pointing them at each other.
import net from "node:net";
import { freePort } from "./postgres";
import { startChild, waitForHttp, type Child } from "./processes";

/** `preferred` when nobody listens there, else any free port. */
export async function portOr(preferred: number | undefined): Promise<number> {
  if (preferred && (await isFree(preferred))) return preferred;
  return freePort();
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "0.0.0.0", () => server.close(() => resolve(true)));
  });
}

export function isLocalUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export type SimulatorOptions = {
  port: number;
  /** Where the simulator sends dealer 1's webhooks: `${appUrl}/api/webhooks/chekt/acme-security`. */
  appUrl: string;
  /** JSON file that keeps CHeKT's side between runs; empty string = memory only. */
  dataFile: string;
  env: NodeJS.ProcessEnv;
  echo?: boolean;
  logFile?: string;
  /** Extra variables, e.g. a short webhook retry scale for tests. */
  extraEnv?: Record<string, string>;
};

export async function startSimulator(opts: SimulatorOptions): Promise<{ child: Child; url: string }> {
  const url = `http://127.0.0.1:${opts.port}`;
  // node --import tsx, not the tsx CLI: the CLI relays signals to its child and SIGKILLs it when the
  // child does not acknowledge within 30 ms (easily missed on a busy machine), losing unsaved state.
  const child = startChild("sim", "node", ["--import", "tsx", "simulator/main.ts", "--demo"], {
    echo: opts.echo,
    logFile: opts.logFile,
    env: {
      ...opts.env,
      CHEKT_SIM_PORT: String(opts.port),
      APP_URL: opts.appUrl,
      CHEKT_SIM_DATA_FILE: opts.dataFile,
      ...opts.extraEnv,
    },
  });
  await waitForHttp(`${url}/_sim/health`, 60_000, child);
  return { child, url };
}

export type AppOptions = {
  port: number;
  mode: "dev" | "start";
  env: NodeJS.ProcessEnv;
  echo?: boolean;
  logFile?: string;
  /** Page requested until it answers; with `next dev` this also compiles it ahead of the first visitor. */
  readyPath?: string;
  timeoutMs?: number;
};

export async function startApp(opts: AppOptions): Promise<{ child: Child; url: string }> {
  const url = `http://localhost:${opts.port}`;
  const args = opts.mode === "dev" ? ["dev", "--port", String(opts.port)] : ["start", "--port", String(opts.port)];
  const child = startChild("app", "next", args, {
    echo: opts.echo,
    logFile: opts.logFile,
    env: { ...opts.env, PORT: String(opts.port) },
  });
  await waitForHttp(`${url}${opts.readyPath ?? "/sign-in"}`, opts.timeoutMs ?? 180_000, child);
  return { child, url };
}
