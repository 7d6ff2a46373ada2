// A second (or third) "app instance" for tests and the bench: a plain Node http server that runs
// the same receiver (lib/webhooks/receive) and the same SSE queue stream (lib/live/sse) as the
// Next routes, with its own LISTEN connection. Sign-in is not part of it: the Next routes add
// requireRouteRole in front of exactly this code.
//
// Run: node --conditions react-server --import tsx bench/webhooks-instance.ts
// Env: PORT, DATABASE_URL and what lib/env needs; BENCH_RECEIVER to serve a bench baseline instead
// of our receiver. Prints "listening <port>" when ready.
import http from "node:http";
import { Readable } from "node:stream";
import { createListener } from "@/lib/live/listen";
import { queueEventStream, SSE_HEADERS } from "@/lib/live/sse";
import { getItem, listOpen } from "@/lib/verifications/queries";
import { receiveWebhook } from "@/lib/webhooks/receive";
import { baselineFromEnv } from "./webhooks-baselines";
import { errorText } from "@/lib/error-text";

const port = Number(process.env.PORT || 0);
const listener = createListener(process.env.DATABASE_URL!);
// The bench's baselines (bench/webhooks-baselines.ts) take the webhook route's place when asked,
// so all three receivers are served by this same server.
const baseline = baselineFromEnv(process.env);

function toRequest(req: http.IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

async function send(res: http.ServerResponse, response: Response) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return res.end();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!res.write(value)) await new Promise((r) => res.once("drain", r));
  }
  res.end();
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  try {
    const hook = /^\/api\/webhooks\/chekt\/([^/]+)$/.exec(url.pathname);
    if (req.method === "POST" && hook)
      return await send(
        res,
        baseline
          ? await baseline(toRequest(req, url))
          : await receiveWebhook(toRequest(req, url), decodeURIComponent(hook[1])),
      );
    if (req.method === "GET" && url.pathname === "/live") {
      const dealer = url.searchParams.get("dealer") ?? "";
      const chektDealerId = Number(url.searchParams.get("chekt") ?? 0);
      const abort = new AbortController();
      res.on("close", () => abort.abort());
      const stream = queueEventStream({
        listener,
        dealerLinkId: dealer,
        loadOpen: () => listOpen(dealer, chektDealerId, null),
        loadItem: (id) => getItem(id, dealer, chektDealerId, null),
        signal: abort.signal,
        // No sign-in here (see the top of this file), so nothing to lose at a heartbeat.
        stillAllowed: async () => true,
      });
      return await send(res, new Response(stream, { headers: SSE_HEADERS }));
    }
    if (url.pathname === "/health") return void res.end("ok");
    res.writeHead(404).end();
  } catch (e) {
    if (!res.headersSent) res.writeHead(500);
    res.end(errorText(e));
  }
});

server.listen(port, "127.0.0.1", async () => {
  await listener.ready();
  const addr = server.address();
  console.log(`listening ${typeof addr === "object" && addr ? addr.port : port}`);
});

const stop = async () => {
  server.close();
  await listener.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
