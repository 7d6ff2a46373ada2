// The desk's alerts switch after a reload: the browser holds a page's audio until a click or key on it,
// so with alerts stored on the switch says the sound is paused, and a click on it starts the sound
// (rather than turning alerts off). Laptop and phone screenshots to /tmp/shots/a11y/.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./setup";
import { expectNoSeriousA11y, screenshotsTo, SMALL_LAPTOP_AND_PHONE } from "./setup/page-checks";
import { queueLive } from "./verifications-helpers";

const shots = screenshotsTo("/tmp/shots/a11y", { sizes: SMALL_LAPTOP_AND_PHONE });

/**
 * A browser that holds audio until a gesture, as Chrome does after a reload (headless Chromium lets
 * every page play): each new AudioContext starts suspended and resumes only with a user activation.
 */
async function holdAudioUntilGesture(page: Page) {
  // No class fields here: the test's compiled fields would call a helper the page does not have.
  await page.addInitScript(() => {
    const Real = window.AudioContext;
    const held = new WeakSet<AudioContext>();
    // A gesture is an event the page is handling now (userActivation can outlive a reload here).
    let inGesture = false;
    for (const type of ["pointerdown", "keydown", "click"])
      window.addEventListener(
        type,
        () => {
          inGesture = true;
          setTimeout(() => (inGesture = false));
        },
        true,
      );
    window.AudioContext = class extends Real {
      constructor(options?: AudioContextOptions) {
        super(options);
        held.add(this);
      }
      override get state(): AudioContextState {
        return held.has(this) ? "suspended" : super.state;
      }
      override resume() {
        if (!inGesture) return new Promise<void>(() => undefined);
        held.delete(this);
        this.dispatchEvent(new Event("statechange"));
        return super.resume();
      }
    };
  });
}

test("after a reload the alerts switch says the sound is paused, and a click on it turns the sound on", async ({
  page,
}) => {
  await holdAudioUntilGesture(page);
  await page.addInitScript(() => window.localStorage.setItem("chekt.desk.alerts", "on"));
  await signIn(page, "operator", "/verifications");
  // A reload: a new document, without the sign-in's click (whose activation lets the audio start).
  await page.reload();
  await queueLive(page);
  const paused = page.getByRole("button", { name: "Alerts paused — click to turn sound on" });
  await expect(page.locator("[data-alerts-toggle]")).toHaveText("Alerts paused — click to turn sound on");
  await expect(paused).toBeVisible();
  await expectNoSeriousA11y(page, "main");
  await shots(page, "alerts-paused");
  await paused.click();
  await expect(page.getByRole("button", { name: "Alerts on" })).toBeVisible();
  expect(await page.evaluate(() => window.localStorage.getItem("chekt.desk.alerts"))).toBe("on");
});
