// Records each request's TCP peer address in a header the app can read (PEER_HEADER). Next.js
// fills X-Forwarded-For with the peer only when the client sent none, so without this a client
// could pick the address the throttle and the audit see. Installed once per server process by
// instrumentation.ts; a client-sent copy of the header is overwritten, never trusted.
import http from "node:http";
import { PEER_HEADER } from "./client-ip";

const INSTALLED = Symbol.for("chekt.peerAddressHeader");

export function installPeerAddressHeader(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  const emit = proto.emit;
  proto.emit = function emitWithPeer(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof proto.emit;
  proto[INSTALLED] = true;
}
