// Dealers kept apart, in the browser: the organisation owner adds a person to dealer 1 (Acme) only;
// that person sees only Acme (no switcher to Northwind), gets the 404 page for a Northwind site's
// address, and a hand-set dealer cookie naming Northwind changes nothing. The owner still sees both.
// Then every page and route naming a Northwind object answers 404 over HTTP with a refusal row, the
// list pages show none of Northwind's rows, and disabling an operator frees their claim at once.
import { expect, test, type Browser } from "@playwright/test";
import { newMember, signInWith, sql } from "./auth-helpers";
import { simUrl, signIn } from "./setup";
import { expectNoSeriousA11y as expectAccessible, screenshotsTo } from "./setup/page-checks";
import { partnerToken } from "./setup/partner";
import { openQueue, queueLive, raiseShown, row } from "./verifications-helpers";

const stamp = Date.now().toString(36);
const shots = screenshotsTo("/tmp/shots/tenancy", { prefix: "tenancy-" });

/** A site of dealer 2 (Northwind), asked of CHeKT's Partner API the way any partner app would. */
async function northwindSiteId(): Promise<number> {
  const { DEMO } = await import("../../simulator/seed");
  const access_token = await partnerToken();
  const res = await fetch(`${simUrl()}/partner/v1/dealers/${DEMO.dealers.northwind.id}/sites?limit=10`, {
    headers: { authorization: `Bearer ${access_token}` },
  });
  expect(res.ok).toBe(true);
  const body = (await res.json()) as { data?: Array<{ site_id: number }> } | Array<{ site_id: number }>;
  const list = Array.isArray(body) ? body : (body.data ?? []);
  expect(list.length).toBeGreaterThan(0);
  return list[0].site_id;
}

async function signInAs(browser: Browser, email: string, password: string) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signInWith(page, email, password);
  await expect(page).not.toHaveURL(/sign-in/);
  return { ctx, page };
}

test("a member of dealer 1 only sees dealer 1 and gets 404 for a dealer-2 site, whatever the cookie says", async ({
  page,
  browser,
}) => {
  const email = `solo-${stamp}@example.com`;
  const password = "solo-password-1";

  // The owner sees both dealers in the switcher and adds Solo to the one they work on (Acme).
  await signIn(page, "admin", "/users");
  const switcher = page.getByLabel("Dealer", { exact: true });
  await expect(switcher.locator("option")).toHaveText(["Acme Security", "Northwind Alarms"]);
  // A fresh browser works on the first dealer (lowest CHeKT id).
  await expect(switcher.locator("option:checked")).toHaveText("Acme Security");
  const northwindLinkId = await switcher.locator("option", { hasText: "Northwind Alarms" }).getAttribute("value");
  expect(northwindLinkId).toBeTruthy();

  await page.goto("/users");
  await expect(page.getByText("Who may work on Acme Security")).toBeVisible();
  const form = page.getByRole("form", { name: "Create user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Name").fill("Solo Acme");
  await form.getByLabel("Role").selectOption("operator");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`Created ${email}`)).toBeVisible();
  await expect(page.locator(`tr[data-email="${email}"]`)).toBeVisible();
  // Scanned without the fading toast (axe measures its contrast mid-animation).
  await page.reload();
  await expect(page.locator(`tr[data-email="${email}"]`)).toBeVisible();
  await expectAccessible(page);
  await shots(page, "users-owner");

  // On Northwind's users page Solo is not listed.
  await page.goto("/");
  await page.getByLabel("Dealer", { exact: true }).selectOption({ label: "Northwind Alarms" });
  await page.getByRole("button", { name: "Switch", exact: true }).click();
  await expect(page.getByText("Now working on Northwind Alarms")).toBeVisible();
  await page.goto("/users");
  await expect(page.getByText("Who may work on Northwind Alarms")).toBeVisible();
  await expect(page.locator(`tr[data-email="${email}"]`)).toHaveCount(0);

  // Solo: one dealer, shown as text (no switcher), and Northwind's site is a 404.
  const solo = await signInAs(browser, email, password);
  await solo.page.goto("/sites");
  await expect(solo.page.getByRole("banner").getByText("Acme Security")).toBeVisible();
  await expect(solo.page.getByLabel("Dealer", { exact: true })).toHaveCount(0);
  await expect(solo.page.getByText("Northwind")).toHaveCount(0);
  // The header (dealer name / switcher) is this spec's part of the page.
  await expectAccessible(solo.page, "header");
  await shots(solo.page, "sites-solo");

  const siteId = await northwindSiteId();
  const res = await solo.page.goto(`/sites/${siteId}`);
  expect(res?.status()).toBe(404);
  await expect(solo.page.getByRole("heading", { name: /not found/i })).toBeVisible();
  await shots(solo.page, "foreign-site-404");

  // A hand-set cookie naming Northwind gives nothing: still Acme, still 404.
  await solo.ctx.addCookies([{ name: "dealer_link", value: northwindLinkId!, url: solo.page.url() }]);
  await solo.page.goto("/sites");
  await expect(solo.page.getByRole("banner").getByText("Acme Security")).toBeVisible();
  await expect(solo.page.getByText("Northwind")).toHaveCount(0);
  expect((await solo.page.goto(`/sites/${siteId}`))?.status()).toBe(404);
  // Admin pages stay closed to an operator.
  expect((await solo.page.goto("/users"))?.status()).toBe(403);
  await solo.ctx.close();
});

/** Northwind's link and objects as the app mirrored them (the pages read the mirror). */
async function northwindObjects() {
  const [link] = await sql<{ id: string }>(`select id from dealer_links where external_dealer_id = 'northwind-alarms'`);
  const [site] = await sql<{ chekt_id: number; name: string }>(
    `select chekt_id, name from mirror_sites where dealer_link_id = $1 and gone_at is null order by chekt_id limit 1`,
    [link.id],
  );
  const [contact] = await sql<{ chekt_id: number }>(
    `select chekt_id from mirror_contacts where dealer_link_id = $1 and site_id = $2 limit 1`,
    [link.id, site.chekt_id],
  );
  const [station] = await sql<{ chekt_id: number; name: string }>(
    `select chekt_id, name from mirror_stations where dealer_link_id = $1 limit 1`,
    [link.id],
  );
  const names = (await sql<{ name: string }>(`select name from mirror_sites where dealer_link_id = $1`, [link.id])).map(
    (r) => r.name,
  );
  return { linkId: link.id, site, contact, station, siteNames: names };
}

test("dealer-2 pages and routes answer 404 to a dealer-1 member, each audited; dealer-1 lists show none of it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const nw = await northwindObjects();
  expect(nw.contact, "the mirror has a Northwind contact").toBeTruthy();
  // A Northwind bulk job, and an open Northwind alarm with its verification and snapshot (rows as
  // the webhook receiver stores them; the demo gives Northwind no webhook secret, so CHeKT cannot deliver).
  const jobId = `tenancy-e2e-${stamp}`;
  const alarmId = `alm_nw_${stamp}`;
  const verId = `ver_nw_${stamp}`;
  await sql(
    `insert into bulk_jobs (id, dealer_link_id, chekt_site_id, kind, state, total, updated_at)
      values ($1, $2, $3, 'create', 'done', 1, now())`,
    [jobId, nw.linkId, nw.site.chekt_id],
  );
  const importJobId = `tenancy-e2e-import-${stamp}`;
  await sql(
    `insert into bulk_jobs (id, dealer_link_id, chekt_site_id, entity, kind, state, total, updated_at)
      values ($1, $2, 0, 'sites', 'create', 'done', 2, now())`,
    [importJobId, nw.linkId],
  );
  await sql(
    `insert into alarms
       (id, dealer_link_id, site_id, priority, location, snapshot_url, seen_created, created_at, updated_at)
      values ($1, $2, $3, 'critical', 'Northwind lobby', $4, true, now(), now())`,
    [alarmId, nw.linkId, nw.site.chekt_id, `${simUrl()}/snap.jpg`],
  );
  await sql(
    `insert into verifications (id, dealer_link_id, alarm_id, site_id, occurred_at, expires_at, updated_at)
      values ($1, $2, $3, $4, now(), now() + interval '30 minutes', now())`,
    [verId, nw.linkId, alarmId, nw.site.chekt_id],
  );

  // An admin of Acme only: the role allows every page, so each refusal is about the dealer.
  const password = "acme-admin-pass-1";
  const ada = await newMember(`tenancy_ada_${stamp}`, password, "admin");
  await signInWith(page, ada.email, password);
  await expect(page).not.toHaveURL(/sign-in/);

  const s = nw.site.chekt_id;
  const pages = [
    `/sites/${s}`,
    `/sites/${s}/edit`,
    `/sites/${s}/arming`,
    `/sites/${s}/contacts/new`,
    `/sites/${s}/contacts/${nw.contact.chekt_id}/edit`,
    `/sites/${s}/devices`,
    `/sites/${s}/devices/new`,
    `/sites/${s}/devices/paste`,
    `/sites/${s}/devices/jobs`,
    `/sites/${s}/devices/jobs/${jobId}`,
    `/stations/${nw.station.chekt_id}`,
    `/sites/import/jobs/${importJobId}`,
    `/settings?dealer=${nw.linkId}`,
    `/settings/app-devices?dealer=${nw.linkId}`,
    `/drift?dealer=${nw.linkId}`,
  ];
  const routes = [
    `/api/live/verifications/${verId}/detail`,
    `/api/live/verifications/${verId}/outcomes`,
    `/api/snapshots/alarm:${alarmId}`,
    `/api/bulk-jobs/${jobId}`,
    `/api/live/sites/${s}/contacts`,
  ];
  const [{ id: from }] = await sql<{ id: string }>(`select coalesce(max(id), 0)::text as id from audit_log`);
  for (const url of [...pages, ...routes]) expect((await page.request.get(url)).status(), url).toBe(404);
  expect((await page.request.post(`/api/live/verifications/${verId}/lease`)).status(), "lease").toBe(404);
  const refusals = await sql<{ path: string }>(
    `select after->>'path' as path from audit_log where id > $1 and action = 'scope.not_found'
      and outcome = 'refused' and user_email = $2 order by id`,
    [from, ada.email],
  );
  expect(refusals.map((r) => decodeURIComponent(r.path))).toEqual([
    ...pages,
    ...routes,
    `/api/live/verifications/${verId}/lease`,
  ]);
  // Northwind's verification was not renewed or marked as viewed by Ada.
  expect(
    await sql(`select 1 from verification_views where verification_id = $1 and user_id = $2`, [verId, ada.id]),
  ).toEqual([]);

  // What a user sees at such an address: the 404 page, accessible at laptop and phone size.
  const res = await page.goto(`/sites/${s}/devices/jobs/${jobId}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "foreign-job-404");

  // Acme's lists: Acme's rows, none of Northwind's.
  for (const list of ["/sites", "/stations", "/fleet", "/verifications/history", "/audit", "/dealer"]) {
    await page.goto(list);
    await expect(page.getByRole("banner").getByText("Acme Security")).toBeVisible();
    const text = await page.locator("main").innerText();
    expect(text, list).not.toContain("Northwind");
    for (const name of nw.siteNames) expect(text, `${list} shows Northwind's ${name}`).not.toContain(name);
    expect(text, list).not.toContain(nw.station.name);
  }
  // The dealer page's connection history: Acme only (the owner sees both; tenancy-pages.test.ts).
  await page.goto("/dealer");
  await expect(page.getByRole("table", { name: "Dealer connection history" }).getByText("Acme Security")).toBeVisible();
  await expectAccessible(page);
  await shots(page, "dealer-member");
  // The live queue: Northwind's alarm never reaches Acme's desk.
  await openQueue(page);
  await expect(row(page, verId)).toHaveCount(0);
});

test("disabling an operator gives their claim back to the queue at once, seen live in the admin's queue", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const password = "release-pass-1";
  const op = await newMember(`release_${stamp}`, password, "operator");
  const opCtx = await browser.newContext();
  const adminCtx = await browser.newContext();
  const opPage = await opCtx.newPage();
  const admin = await adminCtx.newPage();
  await signInWith(opPage, op.email, password);
  await expect(opPage).not.toHaveURL(/sign-in/);
  await signIn(admin, "admin", "/verifications");
  await Promise.all([openQueue(opPage), queueLive(admin)]);
  const { id } = await raiseShown(opPage, 3, `Release on disable ${stamp}`, {
    priority: "high",
    trigger: "door-forced",
  });
  await expect(row(admin, id)).toBeVisible({ timeout: 15_000 });

  await row(opPage, id).click();
  await opPage.keyboard.press("c");
  await expect(row(admin, id).getByTestId("claimed-by")).toHaveText(/^Claimed by Auth release/, { timeout: 10_000 });
  // The operator walks away: the view closes (no more heartbeats) and the lease is set an hour out,
  // as an open view would keep it, so only the disable can free the claim within this test.
  await opPage.keyboard.press("Escape");
  const held = await sql(
    `update verifications set lease_expires_at = now() + interval '1 hour' where id = $1 and state = 'claimed'
      and claimed_by_id = $2 returning id`,
    [id, op.id],
  );
  expect(held).toHaveLength(1);
  await expect(row(admin, id).getByTestId("claimed-by")).toHaveText(/^Claimed by Auth release/);

  // The admin disables the operator on the Users page (a second tab; the queue stays open).
  const users = await adminCtx.newPage();
  await users.goto("/users");
  const userRow = users.locator(`tr[data-email="${op.email}"]`);
  await userRow.getByRole("button", { name: "Disable" }).click();
  await users.getByRole("dialog").getByRole("button", { name: "Disable" }).click();
  await expect(users.getByText(`${op.email} is disabled and signed out`)).toBeVisible();

  // Freed in the disabling transaction, and the admin's open queue shows it free without a reload.
  expect(await sql(`select state, claimed_by_id, lease_expires_at from verifications where id = $1`, [id])).toEqual([
    { state: "pending", claimed_by_id: null, lease_expires_at: null },
  ]);
  await expect(row(admin, id).getByTestId("claimed-by")).toHaveCount(0, { timeout: 15_000 });
  await row(admin, id).click();
  await admin.getByTestId("queue-actions").getByRole("button", { name: "Claim" }).click();
  await expect(admin.getByRole("dialog").getByRole("button", { name: "Release claim" })).toBeVisible();
  await expectAccessible(admin);
  await shots(admin, "claim-after-disable");
  // The disabled operator's next page is the sign-in page.
  await opPage.goto("/verifications");
  await expect(opPage).toHaveURL(/sign-in/);
  await opCtx.close();
  await adminCtx.close();
});
