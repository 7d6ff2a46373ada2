// The alarm desk under pressure, in a real browser against the real app and simulator:
// - a list answer held back (computed before, delivered after three alarms arrived live) removes nothing;
// - priority order, the deadline-only switch kept in the URL, and a spoken announcement per alarm;
// - axe finds no serious/critical violation on the queue or the detail view;
// - claims are leases across two browser contexts (lapse when the view closes, held by the
//   heartbeat while open, taken over by an admin; d/x then refuse on the old claimer's page);
// - an answer CHeKT rate-limits shows why it waits, can be cancelled and sent again;
// - a snapshot CHeKT fails to serve is retried by the page, not given up.
import { expect, test, type Request, type Route } from "@playwright/test";
import { sql } from "./auth-helpers";
import { signIn, e2eSim } from "./setup";
import { simFault, simVerifications } from "../support/sim-control";
import * as desk from "./verifications-helpers";

/** The lease's time is up now, as if the claimer's last heartbeat were a lease ago. */
async function expireLease(id: string) {
  await sql("UPDATE verifications SET lease_expires_at = now() - interval '1 second' WHERE id = $1", [id]);
}

/** The lease now ends `ms` from the database's now; answers that end. */
async function shortenLease(id: string, ms: number): Promise<Date> {
  const [r] = await sql<{ until: Date }>(
    "UPDATE verifications SET lease_expires_at = now() + $2 * interval '1 millisecond' WHERE id = $1 " +
      "RETURNING lease_expires_at AS until",
    [id, ms],
  );
  return r!.until;
}

async function leaseEnd(id: string): Promise<Date> {
  const [r] = await sql<{ until: Date }>("SELECT lease_expires_at AS until FROM verifications WHERE id = $1", [id]);
  return r!.until;
}

test.afterEach(async () => {
  await desk.clearFaults();
});

test("a late list answer never removes alarms that arrived live meanwhile", async ({ page }) => {
  await signIn(page, "operator", "/verifications");
  // Hold the list answer: the server computes it now, the page receives it only after the alarms.
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let held = 0;
  let raising = false;
  // Every list the server computed before the alarms were raised: the page may ask more than once
  // (its first fetch and a refetch), and which of the held answers it merges last is not ours to pick.
  const staleAsOfs: string[] = [];
  await page.route("**/api/live/verifications/list?*", async (route: Route) => {
    if (raising) return route.continue();
    held++;
    const response = await route.fetch();
    staleAsOfs.push(String(((await response.json()) as { asOf: number }).asOf));
    await released;
    await route.fulfill({ response });
  });
  await page.goto("/verifications");
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => held).toBeGreaterThan(0);

  raising = true;
  const raised = [
    await desk.raise({ site_id: 1, priority: "critical", trigger: "panic", description: "Race critical one" }),
    await desk.raise({ site_id: 2, priority: "critical", trigger: "panic", description: "Race critical two" }),
    await desk.raise({ site_id: 3, priority: "high", trigger: "motion", description: "Race high" }),
  ];
  for (const r of raised) await expect(desk.row(page, r.verification.verification_id)).toBeVisible({ timeout: 15_000 });

  release(); // the stale list lands now
  // The page shows the asOf of the last list it merged: once it is a stale one, every alarm is still there.
  expect(staleAsOfs.length).toBeGreaterThan(0);
  const queue = page.getByTestId("verification-queue");
  await expect.poll(async () => staleAsOfs.includes((await queue.getAttribute("data-list-as-of")) ?? "")).toBe(true);
  for (const r of raised) await expect(desk.row(page, r.verification.verification_id)).toBeVisible();
  await page.unroute("**/api/live/verifications/list?*");
  // A fresh list (e.g. after a reconnect) agrees: still all three.
  await page.reload();
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 20_000 });
  for (const r of raised) await expect(desk.row(page, r.verification.verification_id)).toBeVisible({ timeout: 10_000 });
});

test("priority first, deadline-only switch in the URL, an announcement per new alarm, axe clean", async ({ page }) => {
  await desk.signInToQueue(page);
  const high = await desk.raiseShown(page, 4, "Sort high, sooner", {
    priority: "high",
    trigger: "motion",
    expires_in_s: 100,
  });
  const critical = await desk.raiseShown(page, 5, "Sort critical, later", {
    priority: "critical",
    trigger: "panic",
    expires_in_s: 540,
  });

  // "critical panic at <site>, 9 minutes" reaches screen readers through the polite live region.
  const announcer = page.getByTestId("queue-announcer");
  await expect(announcer).toHaveAttribute("aria-live", "polite");
  await expect(announcer).toHaveText(/New alarm: critical panic at .+, (8|9) minutes/);

  const order = () =>
    page.getByTestId("verification-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-verification-id")));
  let ids = await order();
  expect(ids.indexOf(critical.id)).toBeLessThan(ids.indexOf(high.id));

  await page.getByRole("link", { name: "Deadline only" }).click();
  await expect(page).toHaveURL(/[?&]sort=deadline/);
  await expect(page.getByRole("link", { name: "Deadline only" })).toHaveAttribute("aria-current", "page");
  await expect
    .poll(async () => {
      ids = await order();
      return ids.indexOf(high.id) < ids.indexOf(critical.id);
    })
    .toBe(true);
  await page.getByRole("link", { name: "Priority, then deadline" }).click();
  await expect(page).not.toHaveURL(/sort=deadline/);

  await critical.row.click();
  await expect(critical.row.getByTestId("snapshot-thumb").first()).toBeVisible({ timeout: 15_000 });
  await desk.expectAccessible(page);
  await desk.shots(page, "queue");

  await page.getByTestId("queue-actions").getByRole("button", { name: "Open" }).click();
  const detail = page.getByRole("dialog");
  await expect(detail.getByTestId("snapshot-large")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
  await desk.expectAccessible(page);
  await desk.shots(page, "detail", false);
});

test(
  "claims are leases: they lapse when the view closes, hold " + "while it is open, and an admin can take one over",
  async ({ browser }) => {
    test.setTimeout(120_000);
    const opCtx = await browser.newContext();
    const adminCtx = await browser.newContext();
    const op = await opCtx.newPage();
    const admin = await adminCtx.newPage();
    // The operator's page runs on Playwright's clock: its heartbeat timer moves when the test says,
    // and the lease's end is moved in Postgres, so nothing here waits for real time to pass.
    await op.clock.install();
    const beats: string[] = [];
    // Lease calls sent and not yet answered: the claim's own call may still be on its way when the admin's page
    // already shows the claim, and its answer must not pass for the renewal a test step waits for.
    const leaseCallsOut = new Set<Request>();
    const isLeaseCall = (r: Request) =>
      r.method() === "POST" && /\/api\/live\/verifications\/[^/]+\/lease(\?|$)/.test(r.url());
    op.on("request", (r) => {
      if (!isLeaseCall(r)) return;
      beats.push(r.url());
      leaseCallsOut.add(r);
    });
    op.on("requestfinished", (r) => leaseCallsOut.delete(r));
    op.on("requestfailed", (r) => leaseCallsOut.delete(r));
    await signIn(op, "operator", "/verifications");
    await signIn(admin, "admin", "/verifications");
    await Promise.all([desk.queueLive(op), desk.queueLive(admin)]);
    const { id, row: opRow } = await desk.raiseShown(op, 6, "Lease test", { priority: "high", trigger: "door-forced" });
    const adminRow = desk.row(admin, id);
    const adminSeesClaim = adminRow.getByTestId("claimed-by");
    await expect(adminRow).toBeVisible({ timeout: 15_000 });

    // Claimed with the view open, then closed: no heartbeat follows, however long the page runs on, and
    // once the lease's time is up the expiry sweep frees it and the admin sees it free.
    await opRow.click();
    await op.keyboard.press("c");
    const opDetail = op.getByRole("dialog").filter({ hasText: "Lease test" });
    await expect(opDetail).toBeVisible();
    await expect(adminSeesClaim).toHaveText("Claimed by Test operator", { timeout: 10_000 });
    await expect.poll(() => beats.length).toBeGreaterThan(0);
    await op.keyboard.press("Escape");
    await expect(opDetail).toHaveCount(0);
    // A beat sent just before the view closed is counted before the count is taken.
    await op.evaluate(() => fetch("/api/health", { cache: "no-store" }).then(() => undefined));
    const beatsAtClose = beats.length;
    await op.clock.fastForward(30_000); // five leases of the e2e stack's 6 s
    await op.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(beats.length).toBe(beatsAtClose);
    await expireLease(id);
    await expect(adminSeesClaim).toHaveCount(0, { timeout: 15_000 });
    await expect(opRow.getByTestId("claimed-by")).toHaveCount(0);

    // Claimed again and kept open: a lease about to lapse is renewed by the next heartbeat, beat after beat.
    await opRow.click();
    await op.getByTestId("queue-actions").getByRole("button", { name: "Claim" }).click();
    await expect(opDetail).toBeVisible();
    await expect(adminSeesClaim).toHaveText("Claimed by Test operator", { timeout: 10_000 });
    for (let beat = 0; beat < 3; beat++) {
      await expect.poll(() => leaseCallsOut.size).toBe(0);
      const almostUp = await shortenLease(id, 3_000);
      const renewed = op.waitForResponse((r) => /\/lease(\?|$)/.test(r.url()) && r.request().method() === "POST");
      await op.clock.fastForward(2_000); // one beat: a third of the 6 s lease
      expect(await (await renewed).json()).toMatchObject({ held: true });
      expect((await leaseEnd(id)).getTime()).toBeGreaterThan(almostUp.getTime());
    }
    await expect(adminSeesClaim).toHaveText("Claimed by Test operator");

    // The admin takes it over (audited); the operator's view loses the claim and d/x refuse.
    await adminRow.click();
    await admin.getByTestId("queue-actions").getByRole("button", { name: "Take over" }).click();
    await expect(admin.getByText(/You took over the claim from Test operator/)).toBeVisible();
    await expect(admin.getByRole("dialog").getByRole("button", { name: "Release claim" })).toBeVisible();
    await expect(opDetail.getByRole("button", { name: "Dispatch…" })).toBeDisabled({ timeout: 10_000 });
    await expect(opDetail).toContainText("Claimed by Administrator");
    await desk.shots(op, "taken-over", false);
    await op.keyboard.press("Escape");
    await opRow.click();
    await expect(opRow.getByTestId("claimed-by")).toHaveText("Claimed by Administrator");
    await op.keyboard.press("d");
    await expect(op.getByText("Claimed by Administrator. Only they can answer it now.")).toBeVisible();
    await expect(op.getByRole("dialog").filter({ hasText: "Dispatch responders?" })).toHaveCount(0);
    await expect(op.getByTestId("queue-actions").getByRole("button", { name: "Dispatch" })).toBeDisabled();

    // The audit log names the takeover.
    await admin.goto("/audit");
    await expect(admin.getByText("verifications.takeover").first()).toBeVisible({ timeout: 10_000 });
    await opCtx.close();
    await adminCtx.close();
  },
);

test(
  "d and x respect claims: on a free alarm they claim it and open " + "the picker; on a held one they name the holder",
  async ({ browser }) => {
    test.setTimeout(120_000);
    const [opCtx, adminCtx, viewerCtx] = await Promise.all([
      browser.newContext(),
      browser.newContext(),
      browser.newContext(),
    ]);
    const [op, admin, viewer] = await Promise.all([opCtx.newPage(), adminCtx.newPage(), viewerCtx.newPage()]);
    await signIn(op, "operator", "/verifications");
    await signIn(admin, "admin", "/verifications");
    await signIn(viewer, "viewer", "/verifications");
    await Promise.all([desk.queueLive(op), desk.queueLive(admin), desk.queueLive(viewer)]);
    const held = await desk.raise({ site_id: 2, priority: "high", trigger: "motion", description: "Keys claim first" });
    const free = await desk.raise({ site_id: 3, priority: "low", trigger: "motion", description: "Keys viewer" });
    const heldId = held.verification.verification_id;
    const freeId = free.verification.verification_id;
    for (const p of [op, admin, viewer]) {
      await expect(desk.row(p, heldId)).toBeVisible({ timeout: 15_000 });
      await expect(desk.row(p, freeId)).toBeVisible({ timeout: 15_000 });
    }

    // Nobody holds it: d claims it (everyone sees the claim) and opens the outcome picker on the claimed item.
    await desk.row(op, heldId).click();
    await op.keyboard.press("d");
    const picker = op.getByRole("dialog").filter({ hasText: "Dispatch responders?" });
    await expect(picker.getByRole("radio", { name: "Police dispatched" })).toBeVisible({ timeout: 15_000 });
    await expect(desk.row(admin, heldId).getByTestId("claimed-by")).toHaveText("Claimed by Test operator", {
      timeout: 10_000,
    });
    const [claimed] = await sql<{ state: string }>("SELECT state FROM verifications WHERE id = $1", [heldId]);
    expect(claimed?.state).toBe("claimed");
    await desk.expectAccessible(op, "dialog[open]:has([data-testid=outcome-picker])");

    // Another operator holds it: x and d open nothing and say who holds it; the answer buttons are disabled.
    await desk.row(admin, heldId).click();
    await admin.keyboard.press("x");
    await expect(admin.getByText("Claimed by Test operator. Only they can answer it now.")).toBeVisible();
    await admin.keyboard.press("d");
    await expect(admin.getByRole("dialog")).toHaveCount(0);
    await expect(admin.getByTestId("queue-actions").getByRole("button", { name: "Disregard" })).toBeDisabled();
    await expect(admin.getByTestId("queue-actions").getByRole("button", { name: "Dispatch" })).toBeDisabled();
    await expect(desk.row(admin, heldId).getByTestId("claimed-by")).toHaveText("Claimed by Test operator");

    // A viewer gets nothing from the keys: no server action, no dialog, no claim. What the keys set off
    // (a claim is a server action) is sent within the next frames and waited for, so the checks after it
    // see its effect instead of running before it could show.
    await desk.row(viewer, freeId).click();
    await expect(desk.row(viewer, freeId)).toHaveAttribute("aria-selected", "true");
    const actions: Request[] = [];
    const onRequest = (r: Request) => void (r.headers()["next-action"] && actions.push(r));
    viewer.on("request", onRequest);
    await viewer.keyboard.press("d");
    await viewer.keyboard.press("x");
    await viewer.keyboard.press("c");
    await viewer.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    viewer.off("request", onRequest);
    await Promise.all(actions.map((r) => r.response()));
    expect(actions.map((r) => r.url())).toEqual([]);
    await expect(viewer.getByRole("dialog")).toHaveCount(0);
    const [state] = await sql<{ state: string }>("SELECT state FROM verifications WHERE id = $1", [freeId]);
    expect(state?.state).toBe("pending");
    await expect(desk.row(admin, freeId).getByTestId("claimed-by")).toHaveCount(0);
    await Promise.all([opCtx.close(), adminCtx.close(), viewerCtx.close()]);
  },
);

test("an answer CHeKT rate-limits says why it waits, can be cancelled, and is sent again with the same key", async ({
  page,
}) => {
  await desk.signInToQueue(page);
  const { id } = await desk.raiseShown(page, 7, "Answer under 429", { priority: "critical", trigger: "panic" });
  await simFault(e2eSim, { path: "/partner/v1/dealers/*/sites/*/alarm-verifications/*", method: "PATCH", rate_429: 1 });

  await desk.row(page, id).click();
  await page.keyboard.press("c");
  const detail = page.getByRole("dialog").filter({ hasText: "Answer under 429" });
  await expect(page.getByLabel("Contact who handled it")).not.toHaveValue("", { timeout: 10_000 });
  await detail.getByRole("button", { name: "Dispatch…" }).click();
  // The outcome picker: an outcome code is required (docs/desk.md).
  const picker = page.getByRole("dialog").filter({ hasText: "Dispatch responders?" });
  await picker.getByRole("radio", { name: "Police dispatched" }).check();
  await picker.getByRole("button", { name: "Dispatch" }).click();
  const waiting = page.getByTestId("answer-waiting");
  await expect(waiting).toContainText(/Waiting for CHeKT \(CHeKT's rate limit\) — retrying the dispatch in \d+ s/, {
    timeout: 15_000,
  });
  await desk.shots(page, "answer-waiting", false);
  await waiting.getByRole("button", { name: "Cancel" }).click();
  const stopped = page.getByTestId("answer-stopped");
  await expect(stopped).toContainText("A dispatch was sent but CHeKT has not confirmed it.");

  await desk.clearFaults();
  await stopped.getByRole("button", { name: "Send the dispatch again" }).click();
  await expect(page.getByText("Dispatched. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });
  await expect(desk.row(page, id)).toHaveCount(0);
  const verifications = await simVerifications(e2eSim);
  expect(verifications.find((v) => v.verification_id === id)?.answer?.action).toBe("dispatch");
});

test("a snapshot CHeKT fails to serve is retried by the page with backoff, then shown", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "viewer", "/verifications");
  await desk.queueLive(page);
  // 503s with Retry-After 1: the server retries about once a second for 12 s (at most 12 tries) per
  // fetch. The row asks for the image as alarm:<id> (from alarm.created), then as its snapshot row: one
  // server fetch, keyed by the image (lib/verifications/snapshot-key.ts), so 15 outlast its first round
  // (the page must retry) and run out within the next. (Before that key, the two asks were two fetches
  // that could share 15 and get the image at once: nothing to retry, and the test failed once in CI.)
  // The waits allow a loaded machine: the first round took over 30 s at a load average of 20.
  await simFault(e2eSim, { path: "/v1/snapshots/**", rate_5xx: 1, status_5xx: 503, count: 15 });
  const { row: r, id } = await desk.raiseShown(page, 7, "Snapshot under 503");
  // "Retrying in 1 s" may show for one second only, between rounds of up to 20 s each: watched on every
  // frame, since an assertion polling once a second could miss it (it did, once in CI).
  await page.waitForFunction(
    (rowSelector) =>
      [...document.querySelectorAll(`${rowSelector} [data-testid="snapshot-waiting"]`)].some((el) =>
        /Retrying in \d+ s/.test(el.textContent ?? ""),
      ),
    `[data-testid="verification-row"][data-verification-id="${id}"]`,
    { polling: "raf", timeout: 60_000 },
  );
  const thumb = r.getByTestId("snapshot-thumb").first();
  await expect(thumb).toBeVisible({ timeout: 75_000 });
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(r.getByTestId("snapshot-unavailable")).toHaveCount(0);
});

test("a read that fails says why and offers Try again: the first queue load, the opened alarm, the outcomes", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, "operator");
  // The first list read fails and the stream brings no snapshot meanwhile: the queue has nothing to show.
  const list = "**/api/live/verifications/list?*";
  const stream = "**/api/live/verifications?*";
  await page.route(list, (route) => route.fulfill({ status: 503, body: "" }));
  await page.route(stream, (route) => route.abort());
  await page.goto("/verifications");
  const queueFailed = page.getByRole("alert").filter({ hasText: "Could not load the queue (HTTP 503)" });
  await expect(queueFailed).toBeVisible({ timeout: 20_000 });
  await page.unroute(list);
  await queueFailed.getByRole("button", { name: "Try again" }).click();
  await expect(queueFailed).toHaveCount(0);
  await expect(page.getByTestId("verification-queue").or(page.getByText("Nothing to verify"))).toBeVisible();
  await page.unroute(stream);
  await desk.queueLive(page);

  // The opened alarm's site and call list.
  const { id, row: r } = await desk.raiseShown(page, 2, "Read fails, try again", {
    priority: "low",
    trigger: "motion",
  });
  const detailRead = `**/api/live/verifications/${id}/detail?*`;
  await page.route(detailRead, (route) => route.fulfill({ status: 500, body: "" }));
  await r.click();
  await page.getByTestId("queue-actions").getByRole("button", { name: "Claim" }).click();
  const detail = page.getByRole("dialog").filter({ hasText: "Read fails, try again" });
  const detailFailed = detail
    .getByRole("alert")
    .filter({ hasText: "Could not load the site and call list (HTTP 500)" });
  await expect(detailFailed).toBeVisible({ timeout: 15_000 });
  await page.unroute(detailRead);
  await detailFailed.getByRole("button", { name: "Try again" }).click();
  await expect(detail.getByTestId("call-list")).toBeVisible({ timeout: 15_000 });
  await expect(detailFailed).toHaveCount(0);

  // The outcome picker's outcomes: Dispatch stays off until they are read.
  const outcomesRead = `**/api/live/verifications/${id}/outcomes?*`;
  await page.route(outcomesRead, (route) => route.fulfill({ status: 500, body: "" }));
  await detail.getByRole("button", { name: "Dispatch…" }).click();
  const picker = page.getByRole("dialog").filter({ hasText: "Dispatch responders?" });
  const pickerFailed = picker.getByRole("alert").filter({ hasText: "Could not load the outcomes (HTTP 500)" });
  await expect(pickerFailed).toBeVisible({ timeout: 15_000 });
  const send = picker.getByRole("button", { name: "Dispatch", exact: true });
  await expect(send).toBeDisabled();
  await page.unroute(outcomesRead);
  await pickerFailed.getByRole("button", { name: "Try again" }).click();
  await expect(picker.getByRole("radio", { name: "Police dispatched" })).toBeVisible({ timeout: 15_000 });
  await expect(send).toBeEnabled();
  await picker.getByRole("button", { name: "Cancel" }).click();
  await expect(picker).toHaveCount(0);
});

test(
  "the answer's contact: a site with none says so, with a link, before the picker opens; one CHeKT refuses " +
    "is marked on the select, and the outcome chosen stays chosen for the answer that follows",
  async ({ page }) => {
    test.setTimeout(90_000);
    await desk.signInToQueue(page);
    const toolbar = page.getByTestId("queue-actions");

    // A site with no contacts: CHeKT names none, and the call list is empty.
    const none = await desk.raiseShown(page, 3, "Contact none", { priority: "low", trigger: "motion" });
    await sql("UPDATE verifications SET contact_id = NULL WHERE id = $1", [none.id]);
    const noneRead = `**/api/live/verifications/${none.id}/detail?*`;
    await page.route(noneRead, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...body, callList: [], namedContactMissing: false } });
    });
    await page.reload();
    await desk.queueLive(page);
    await none.row.click();
    await toolbar.getByRole("button", { name: "Claim" }).click();
    const noneDetail = page.getByRole("dialog").filter({ hasText: "Contact none" });
    // Once, beside the select (not again by the empty call list), with a link to add one.
    const addContact = noneDetail.getByRole("link", { name: /Add a contact to this site/ });
    await expect(addContact).toBeVisible({ timeout: 15_000 });
    await expect(addContact).toHaveAttribute("href", "/sites/3/contacts/new");
    await expect(noneDetail.locator("#answer-contact-hint")).toContainText("This site has no contacts.");
    await expect(noneDetail.getByText(/no contacts/i)).toHaveCount(1);
    await desk.expectAccessible(page);
    await desk.shots(page, "no-contacts", false);
    await expect(noneDetail.getByLabel("Contact who handled it")).toHaveValue("");
    const noneSelect = noneDetail.getByLabel("Contact who handled it");
    await noneDetail.getByRole("button", { name: "Dispatch…" }).click();
    await expect(page.getByRole("dialog").filter({ hasText: "Dispatch responders?" })).toHaveCount(0);
    await expect(noneSelect).toHaveAttribute("aria-invalid", "true");
    await expect(noneSelect).toBeFocused();
    const why = noneDetail.getByRole("alert").filter({ hasText: "This site has no contacts, and an answer must name" });
    await expect(why).toBeVisible();
    expect((await noneSelect.getAttribute("aria-describedby"))?.split(" ")).toContain(await why.getAttribute("id"));
    await desk.expectAccessible(page, "dialog[open]");
    await page.keyboard.press("Escape");
    await expect(noneDetail).toHaveCount(0);
    await page.unroute(noneRead);

    // A contact CHeKT does not know on this site (the call list offers one it no longer has).
    const refused = await desk.raiseShown(page, 4, "Contact refused", { priority: "low", trigger: "motion" });
    const refusedRead = `**/api/live/verifications/${refused.id}/detail?*`;
    await page.route(refusedRead, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { callList: unknown[] };
      const gone = { id: 987654, name: "Moved away", phone: null, named: false };
      await route.fulfill({ response, json: { ...body, callList: [...body.callList, gone] } });
    });
    await refused.row.click();
    await toolbar.getByRole("button", { name: "Claim" }).click();
    const detail = page.getByRole("dialog").filter({ hasText: "Contact refused" });
    const select = detail.getByLabel("Contact who handled it");
    await expect(select.locator("option", { hasText: "Moved away" })).toHaveCount(1, { timeout: 15_000 });
    await expect(select).not.toHaveValue("");
    const named = await select.inputValue();
    await select.selectOption({ label: "Moved away" });
    await detail.getByRole("button", { name: "Dispatch…" }).click();
    const picker = page.getByRole("dialog").filter({ hasText: "Dispatch responders?" });
    await picker.getByRole("radio", { name: "Police dispatched" }).check();
    for (const step of await picker.getByRole("checkbox").all()) await step.check();
    await picker.getByRole("button", { name: "Dispatch", exact: true }).click();
    await expect(picker).toHaveCount(0, { timeout: 15_000 });
    await expect(select).toHaveAttribute("aria-invalid", "true");
    await expect(detail.getByRole("alert").filter({ hasText: /987654/ })).toBeVisible();
    await expect(select).toBeFocused();

    // Another contact, and Dispatch… again: the outcome (and any step) is still ticked.
    await select.selectOption(named);
    await expect(select).not.toHaveAttribute("aria-invalid", "true");
    await detail.getByRole("button", { name: "Dispatch…" }).click();
    await expect(picker.getByRole("radio", { name: "Police dispatched" })).toBeChecked();
    for (const step of await picker.getByRole("checkbox").all()) await expect(step).toBeChecked();
    await picker.getByRole("button", { name: "Dispatch", exact: true }).click();
    await expect(page.getByText("Dispatched. CHeKT recorded the answer.")).toBeVisible({ timeout: 15_000 });
    await expect(refused.row).toHaveCount(0);
    await page.unroute(refusedRead);
  },
);
