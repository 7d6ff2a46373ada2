// CHeKT's client-credentials token request, as the app sends it; shared by the vitest files and the
// Playwright specs (so no test runner is imported here, and paths are relative).
import { DEMO } from "../../simulator/seed";

/** POST /oauth/token for the demo partner (or the given client); the caller checks the answer. */
export function requestClientToken(
  baseUrl: string,
  clientId = DEMO.partner.clientId,
  clientSecret = DEMO.partner.clientSecret,
): Promise<Response> {
  return fetch(`${baseUrl}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret }),
  });
}
