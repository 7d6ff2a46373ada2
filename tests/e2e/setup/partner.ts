// The specs' own Partner API calls: they arrange state on CHeKT's side the way another CHeKT user
// would. They share the app's rate limit, so they wait out a 429 like the app does.
import { expect } from "@playwright/test";
import { requestClientToken } from "../../support/oauth";
import { simUrl } from "./index";

let token: string | null = null;

/** The demo partner's client-credentials token (one per run: it outlives any spec). */
export async function partnerToken(): Promise<string> {
  if (token) return token;
  const res = await requestClientToken(simUrl());
  expect(res.ok).toBe(true);
  token = ((await res.json()) as { access_token: string }).access_token;
  return token;
}

/** A Partner API call on dealer 1 (`path` after `/partner/v1/dealers/1`). */
export async function partner<T = unknown>(path: string, method = "GET", body?: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${simUrl()}/partner/v1/dealers/1${path}`, {
      method,
      headers: { authorization: `Bearer ${await partnerToken()}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 429 && attempt < 30) {
      await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? 1) * 1000));
      continue;
    }
    expect(res.ok, `${method} ${path}: ${res.status}`).toBe(true);
    return (res.status === 204 ? null : await res.json()) as T;
  }
}
