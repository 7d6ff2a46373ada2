// Starting "app instances" (bench/webhooks-instance.ts) in child processes and reading their SSE
// streams: shared by the webhooks integration tests and bench/webhooks-ingest.ts.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LiveMessage } from "@/lib/verifications/types";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type Instance = { port: number; url: string; child: ChildProcess; stop(): Promise<void> };

export async function startInstance(
  env: Record<string, string | undefined>,
  /** Extra node flags (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs: string[] = [],
  /** Another checkout to run the instance from (an A/B against older code in one run). */
  root = ROOT,
): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [...nodeArgs, "--conditions", "react-server", "--import", "tsx", path.join(root, "bench/webhooks-instance.ts")],
    {
      cwd: root,
      env: { ...process.env, ...env, PORT: env.PORT ?? "0" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start in 60 s: ${stderr}`)), 60_000);
    child.stdout!.on("data", (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited with ${code}: ${stderr}`));
    });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

export type SseClient = {
  messages: { msg: LiveMessage; at: number }[];
  /** Resolves with the first message (already received or future) that matches. */
  waitFor(pred: (m: LiveMessage) => boolean, timeoutMs?: number): Promise<{ msg: LiveMessage; at: number }>;
  onMessage(fn: (m: LiveMessage, at: number) => void): void;
  close(): void;
};

/** A minimal EventSource over fetch (Node 20 has no EventSource). */
export async function openSse(url: string): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, { signal: abort.signal, headers: { accept: "text/event-stream" } });
  if (!res.ok || !res.body) throw new Error(`SSE ${url}: HTTP ${res.status}`);
  const messages: { msg: LiveMessage; at: number }[] = [];
  const waiters = new Set<{
    pred: (m: LiveMessage) => boolean;
    resolve: (v: { msg: LiveMessage; at: number }) => void;
  }>();
  const hooks: ((m: LiveMessage, at: number) => void)[] = [];
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buf += value;
        let i: number;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const data = block
            .split("\n")
            .filter((l) => l.startsWith("data: "))
            .map((l) => l.slice(6))
            .join("\n");
          if (!data) continue;
          const entry = { msg: JSON.parse(data) as LiveMessage, at: Date.now() };
          messages.push(entry);
          for (const h of hooks) h(entry.msg, entry.at);
          for (const w of [...waiters]) {
            if (!w.pred(entry.msg)) continue;
            waiters.delete(w);
            w.resolve(entry);
          }
        }
      }
    } catch {
      // closed
    }
  })();
  return {
    messages,
    onMessage: (fn) => hooks.push(fn),
    waitFor(pred, timeoutMs = 15_000) {
      const hit = messages.find((m) => pred(m.msg));
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (v: { msg: LiveMessage; at: number }) => (clearTimeout(t), resolve(v)) };
        const t = setTimeout(
          () => (
            waiters.delete(w),
            reject(new Error(`no matching SSE message in ${timeoutMs} ms (got ${messages.length})`))
          ),
          timeoutMs,
        );
        waiters.add(w);
      });
    },
    close: () => abort.abort(),
  };
}
