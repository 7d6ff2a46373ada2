// Child processes for the demo and the test runner. Each child gets its own process group, so
// stopping it also stops what it started (next start → its workers), and a Ctrl-C in the
// terminal reaches only us: we stop the children in order, then Postgres.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./env";
import { errorText } from "../../lib/error-text";

export type Child = {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or 1 when killed by a signal). */
  exited: Promise<number>;
  /** Last lines of output, for error messages. */
  tail(): string;
  stop(timeoutMs?: number): Promise<void>;
};

const running = new Set<Child>();

export type StartOptions = {
  env?: NodeJS.ProcessEnv;
  /** Print the child's output with a `[name]` prefix (default) or keep it for errors only. */
  echo?: boolean;
  /** Also append everything the child prints to this file (kept for reading after a failure). */
  logFile?: string;
  cwd?: string;
};

/** Runs a binary from node_modules/.bin, or node itself when `command` is "node". */
export function startChild(name: string, command: string, args: string[], opts: StartOptions = {}): Child {
  const bin = command === "node" ? process.execPath : path.join(repoRoot, "node_modules", ".bin", command);
  const proc = spawn(bin, args, {
    cwd: opts.cwd ?? repoRoot,
    env: opts.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const lines: string[] = [];
  const echo = opts.echo ?? true;
  if (opts.logFile) fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const log = opts.logFile ? fs.createWriteStream(opts.logFile, { flags: "w" }) : null;
  const onData = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
    log?.write(chunk);
    const text = chunk.toString();
    for (const line of text.split("\n")) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 80) lines.shift();
      if (echo) stream.write(`[${name}] ${line}\n`);
    }
  };
  proc.stdout!.on("data", onData(process.stdout));
  proc.stderr!.on("data", onData(process.stderr));
  const exited = new Promise<number>((resolve) => {
    proc.on("exit", (code, signal) => {
      log?.end();
      resolve(code ?? (signal ? 1 : 0));
    });
    proc.on("error", (error) => {
      lines.push(String(error));
      resolve(1);
    });
  });
  const child: Child = {
    name,
    process: proc,
    exited,
    tail: () => lines.slice(-30).join("\n"),
    async stop(timeoutMs = 10_000) {
      running.delete(child);
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      signalGroup(proc, "SIGTERM");
      const timer = setTimeout(() => signalGroup(proc, "SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
      // Whatever the leader left behind in its group goes too.
      signalGroup(proc, "SIGKILL");
    },
  };
  running.add(child);
  void exited.then(() => running.delete(child));
  return child;
}

function signalGroup(proc: ChildProcess, signal: NodeJS.Signals) {
  if (!proc.pid) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops every child still running, newest first (the app before the simulator it calls). */
export async function stopAllChildren(): Promise<void> {
  for (const child of [...running].reverse()) await child.stop();
}

/** Runs a command to completion, output shown live; resolves with its exit code. */
export async function runToEnd(
  name: string,
  command: string,
  args: string[],
  opts: StartOptions = {},
): Promise<number> {
  const child = startChild(name, command, args, opts);
  const code = await child.exited;
  running.delete(child);
  return code;
}

/** Polls `url` until it answers with any HTTP status below 500, or throws naming what failed. */
export async function waitForHttp(url: string, timeoutMs: number, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child && (child.process.exitCode !== null || child.process.signalCode !== null)) {
      throw new Error(`${child.name} exited before answering at ${url}:\n${child.tail()}`);
    }
    try {
      const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (res.status < 500) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = errorText(error);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(
    `${url} did not answer within ${Math.round(timeoutMs / 1000)} s (${last})${child ? `\n${child.tail()}` : ""}`,
  );
}
