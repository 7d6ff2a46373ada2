// Repeated failures slow an account down (never lock it), the wait is said in words, a client's
// own X-Forwarded-For does not reset it, and once the wait is over the right password works.
// No sleeping: the spec moves the throttle's stored times back by the wait it was told, as the
// clock would (the rule itself runs on an injected clock in tests/integration/auth-throttle.test.ts).
import { expect, test, type Page } from "@playwright/test";
import { newMember, sql } from "./auth-helpers";

const password = "right-password-123";

async function attempt(page: Page, email: string, pw: string): Promise<string> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(pw);
  await page.getByRole("button", { name: "Sign in" }).click();
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toBeVisible();
  // Wait for this attempt's answer (the button is enabled again when the action has returned).
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  const text = (await alert.textContent()) ?? "";
  return text;
}

/** As if `seconds` had passed for this account's counters. */
async function timePasses(email: string, seconds: number) {
  await sql(
    `update auth_throttle
      set retry_at = retry_at - make_interval(secs => $2), last_at = last_at - make_interval(secs => $2)
      where key like $1`,
    [`%${email}%`, seconds],
  );
}

test("five failures cost nothing, then the account is slowed (not locked); after the wait the password works", async ({
  page,
}) => {
  const { email, id } = await newMember("lockout", password, "viewer");
  await page.goto("/sign-in");
  const seen: string[] = [];
  for (let i = 0; i < 5; i++) seen.push(await attempt(page, email, `wrong-${i}`));
  expect(seen).toEqual(Array(5).fill("Email or password is incorrect."));

  // The waits double (1 s, 2 s, 4 s …): within a few more tries one is answered "wait".
  let wait: RegExpExecArray | null = null;
  for (let i = 0; i < 6 && !wait; i++) {
    const text = await attempt(page, email, `wrong-more-${i}`);
    wait = /^Too many failed attempts\. Wait (\d+) seconds? and try again\.$/.exec(text);
    if (!wait) expect(text).toBe("Email or password is incorrect.");
  }
  expect(wait, "the throttle never asked to wait").not.toBeNull();

  // The wait told is seconds long, which a busy machine can spend on the next attempt alone: hold
  // it open for a minute (as a longer run of failures would) so the next try still meets it.
  // (The columns hold UTC without a zone, as Prisma writes them.)
  await sql(
    `update auth_throttle set retry_at = greatest(retry_at, (now() at time zone 'utc') + interval '60 seconds')
      where key like $1`,
    [`%${email}%`],
  );

  // A made-up X-Forwarded-For does not make this a new address (no trusted proxy is configured).
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.77" });
  const held = /^Too many failed attempts\. Wait (\d+) seconds? and try again\.$/.exec(
    await attempt(page, email, password),
  );
  expect(held, "a made-up X-Forwarded-For got past the wait").not.toBeNull();

  await timePasses(email, Number(held![1]) + 1);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);

  // The audit row has the TCP peer's address, not the header the client sent.
  const [row] = await sql<{ after: { ip: string } }>(
    `select after from audit_log where action = 'auth.sign_in' and external_id = $1 order by id desc limit 1`,
    [id],
  );
  expect(row?.after.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
});
