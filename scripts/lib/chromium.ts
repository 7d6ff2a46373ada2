// How every Playwright launch here starts Debian's Chromium (no browser download on this network):
// playwright.config.ts for the e2e specs and bench/job-bench.ts. CHROMIUM_PATH overrides the path.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  // No sandbox (root in containers), no GPU, and none of the background traffic that would reach
  // for the network (updates, sync, QUIC).
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};
