// The writing end of one SSE response (sse.ts): frames out while the client is there, and when it
// goes (abort, cancel, or an enqueue that fails) the listener and the heartbeat stop with it.
import type { LiveMessage } from "@/lib/verifications/types";

export class SseSink {
  private open = true;
  private readonly encoder = new TextEncoder();
  private seq = Date.now();
  /** Set once the stream subscribes: stops the fan-out to this client. */
  unsubscribe = () => {};
  heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly controller: ReadableStreamDefaultController<Uint8Array>) {}

  get isOpen() {
    return this.open;
  }

  write(text: string) {
    if (!this.open) return;
    try {
      this.controller.enqueue(this.encoder.encode(text));
    } catch {
      // The client went away without an abort signal: stop listening for it.
      this.open = false;
      this.stop();
    }
  }

  /** `id:` lets the browser resume with Last-Event-ID; the route then catches up from CHeKT. */
  send(msg: LiveMessage) {
    this.write(`id: ${++this.seq}\ndata: ${JSON.stringify(msg)}\n\n`);
  }

  close() {
    if (!this.open) return;
    this.open = false;
    this.stop();
    try {
      this.controller.close();
    } catch {
      // already closed by the client
    }
  }

  /** Stops what feeds the stream; the stream itself is left as it is. */
  stop() {
    this.unsubscribe();
    clearInterval(this.heartbeat);
  }
}
