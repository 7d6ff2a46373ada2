// Shared by the auth-* specs: their own users (so the seeded ones stay usable), SQL on the run's
// database, the axe scan, and screenshots at a laptop and a phone size.
import { type Page } from "@playwright/test";
import { hashPassword } from "../../lib/auth/password";
import { sql } from "./setup/db";
import { screenshotsTo } from "./setup/page-checks";

export { expectNoSeriousA11y } from "./setup/page-checks";
/** Laptop and phone screenshots of the page as it is now, under /tmp/shots/security/. */
export const shots = screenshotsTo("/tmp/shots/security", { makeDir: true });

export { sql };

/** A user of the seeded default dealer (Acme Security) with this role; returns its email and id. */
export async function newMember(
  tag: string,
  password: string,
  role: "viewer" | "operator" | "admin" = "operator",
): Promise<{ email: string; id: string }> {
  const id = `auth_${tag}_${Date.now().toString(36)}`;
  const email = `${id}@example.com`;
  await sql(`insert into users (id, email, name, password_hash, role, updated_at) values ($1, $2, $3, $4, $5, now())`, [
    id,
    email,
    `Auth ${tag}`,
    await hashPassword(password),
    role,
  ]);
  await sql(
    `insert into memberships (user_id, dealer_link_id, role, updated_at)
     select $1, id, $2, now() from dealer_links where external_dealer_id = 'acme-security'`,
    [id, role],
  );
  return { email, id };
}

export async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  // Submit once React has hydrated the form, so the answer updates it in place.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
