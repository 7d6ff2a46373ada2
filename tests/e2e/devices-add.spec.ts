// "Add device": one device through the paste's rules and job path; a duplicate external ID says
// which device at which site already has it.
import { expect, test, type Page } from "@playwright/test";
import { partner } from "./setup/partner";
import { expectAccessible, newSite, shots, stamp } from "./devices-helpers";

type Values = { id: string; name: string; mac?: string };

/** Fills the site's add-device form with a camera and submits it. */
async function submitDevice(page: Page, siteId: number, values: Values) {
  await page.goto(`/sites/${siteId}/devices`);
  await page.getByRole("link", { name: "Add device" }).first().click();
  await expect(page.getByRole("heading", { name: "Add device" })).toBeVisible();
  // An empty ID is generated from the name on submit, like the site, station and contact forms'.
  if (values.id) await page.getByRole("textbox", { name: "Device ID (yours)", exact: true }).fill(values.id);
  await page.getByRole("combobox", { name: "Type", exact: true }).selectOption("camera");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(values.name);
  if (values.mac) await page.getByRole("textbox", { name: "MAC", exact: true }).fill(values.mac);
  await page.getByRole("button", { name: "Add device" }).click();
}

async function addDevice(page: Page, siteId: number, values: Values) {
  await submitDevice(page, siteId, values);
  await expect(page).toHaveURL(new RegExp(`/sites/${siteId}/devices/jobs/[^/]+$`), { timeout: 30_000 });
  await expect(page.getByTestId("job-pct")).toHaveText("100%", { timeout: 30_000 });
}

test("add one device with the paste's checks and job; a duplicate ID names the device and site that hold it", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const { siteId: harbor, siteName: harborName } = await newSite(page, "Harbor Logistics Warehouse", "operator");
  const { siteId: target } = await newSite(page, "Add target", "operator");
  const frontDoor = `fd-${stamp}`;
  await page.goto(`/sites/${harbor}/devices`);

  // Bad input is refused beside each field, before anything is sent.
  await page.getByRole("link", { name: "Add device" }).first().click();
  await page.getByRole("textbox", { name: "Device ID (yours)", exact: true }).fill(frontDoor);
  await page.getByRole("textbox", { name: "Zone", exact: true }).fill("13O");
  await page.getByRole("textbox", { name: "MAC", exact: true }).fill("zz:zz");
  await page.getByRole("button", { name: "Add device" }).click();
  await expect(page.getByText("Some fields need fixing; nothing was sent.")).toBeVisible();
  await expect(page.getByText("Type is required")).toBeVisible();
  await expect(page.getByText("Name is required")).toBeVisible();
  await expect(page.getByText('Zone must be a number (digits only), not "13O"')).toBeVisible();
  await expect(page.getByRole("textbox", { name: "MAC", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "main");
  await shots(page, "add-errors");
  expect(((await partner(`/sites/${harbor}/devices?limit=100`, "GET")) as unknown[]).length).toBe(0);

  await page.getByRole("textbox", { name: "Zone", exact: true }).fill("130");
  await page.getByRole("combobox", { name: "Type", exact: true }).selectOption("camera");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Front Door");
  await page.getByRole("textbox", { name: "MAC", exact: true }).fill("aa-bb-cc-dd-ee-0f");
  await page.getByRole("button", { name: "Add device" }).click();
  await expect(page).toHaveURL(new RegExp(`/sites/${harbor}/devices/jobs/[^/]+$`), { timeout: 30_000 });
  await expect(page.getByTestId("job-succeeded")).toHaveText("1", { timeout: 30_000 });
  await expect(page.getByTestId("item-1")).toContainText(frontDoor);
  const made = (await partner(`/sites/${harbor}/devices?limit=100`, "GET")) as {
    external_device_id: string;
    mac: string;
    zone_number: string;
  }[];
  expect(made.map((d) => [d.external_device_id, d.mac, d.zone_number])).toEqual([
    [frontDoor, "AA:BB:CC:DD:EE:0F", "130"],
  ]);

  // An ID another site of the dealer holds is caught before sending too (CHeKT keeps them unique
  // per dealer), beside the field, saying where the ID is in use.
  await submitDevice(page, target, { id: frontDoor, name: "Back gate" });
  await expect(page.getByText("Some fields need fixing; nothing was sent.")).toBeVisible();
  await expect(
    page.getByText(`Device ID (yours) "${frontDoor}" is already used by Front Door at ${harborName}.`),
  ).toBeVisible();
  expect(((await partner(`/sites/${target}/devices?limit=100`, "GET")) as unknown[]).length).toBe(0);
  await shots(page, "add-duplicate");

  // Left empty, the ID is made from the name and shown before it is sent.
  await addDevice(page, target, { id: "", name: "Back Gate" });
  await expect(page.getByTestId("job-succeeded")).toHaveText("1");
  await expect(page.getByTestId("item-1")).toContainText(/device-back-gate-[a-z2-9]{4}/);
  const generated = (await partner(`/sites/${target}/devices?limit=100`, "GET")) as { external_device_id: string }[];
  expect(generated.map((d) => d.external_device_id)).toEqual([expect.stringMatching(/^device-back-gate-[a-z2-9]{4}$/)]);
});
