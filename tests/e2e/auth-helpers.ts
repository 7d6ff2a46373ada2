// Shared by the auth-* specs: their own users (so the seeded ones stay usable), SQL on the run's
// database, the axe scan, and screenshots at a laptop and a phone size.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../lib/auth/password";

export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

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
    `insert into memberships (user_id, dealer_link_id, role, updated_at) select $1, id, $2, now() from dealer_links where external_dealer_id = 'acme-security'`,
    [id, role],
  );
  return { email, id };
}

export async function expectNoSeriousA11y(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    ),
  ).toEqual([]);
}

/** Laptop and phone screenshots of the page as it is now, under /tmp/shots/security/. */
export async function shots(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.screenshot({ path: `/tmp/shots/security/${name}-laptop.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `/tmp/shots/security/${name}-phone.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

export async function signInWith(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  // Submit once React has hydrated the form, so the answer updates it in place.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
