import "server-only";
import { env } from "@/lib/env";
import { clientIp, parseTrustedProxies } from "./client-ip";

// Parsed once: lib/env has already refused a setting that makes no sense.
const trustedProxies = parseTrustedProxies(env);

/** The client's address for this request, as far as the configured proxies are trusted. */
export const requestIp = (headers: Headers): string => clientIp(headers, trustedProxies);
