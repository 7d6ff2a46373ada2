// An address is typed, pasted or cut short by people: an id that is not a whole CHeKT id (an exponent,
// a sign, a decimal, a number past 2³¹−1) must be the console's 404 page, the same one an unknown id
// gets, never an error page or another object. The page heads read ids with one rule (chektIdOr404).
import { expect, test } from "@playwright/test";
import { signIn } from "./setup";
import { expectNoSeriousA11y, screenshotsTo } from "./setup/page-checks";

const shots = screenshotsTo("/tmp/shots/url-ids", { makeDir: true });

/** A site the demo seeds, read off the sites list the way a user would open it. */
async function firstSiteId(page: import("@playwright/test").Page): Promise<number> {
  await page.goto("/sites");
  const href = await page.getByTestId("site-row").first().getByRole("link").first().getAttribute("href");
  const id = Number(/\/sites\/(\d+)/.exec(href ?? "")?.[1]);
  expect(id, `a site link on /sites (got ${href})`).toBeGreaterThan(0);
  return id;
}

test("ids written as 1e3, +5, 5.0 or past 2³¹−1 are the 404 page on every page that names one", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "operator", "/sites");
  const site = await firstSiteId(page);
  // The same pages with the real id open: what follows is a refusal of the address, not of the page.
  for (const path of [`/sites/${site}`, `/sites/${site}/devices`, `/sites/${site}/contacts/new`]) {
    expect((await page.goto(path))?.status(), path).toBe(200);
  }
  const bad = ["1e3", "+5", "5.0", "2147483648", "0", "-1"];
  const paths = bad.flatMap((id) => [
    `/sites/${id}`,
    `/sites/${id}/devices`,
    `/sites/${id}/arming`,
    `/sites/${encodeURIComponent(id)}/edit`,
    `/stations/${id}`,
    `/sites/${site}/contacts/${id}/edit`,
  ]);
  for (const path of paths) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: /not found/i }), path).toBeVisible();
  }
  await page.goto(`/sites/1e3`);
  await expectNoSeriousA11y(page);
  await shots(page, "site-1e3");
});
