// Preloaded (`node --import`) into a Prisma CLI process by tests/integration/platform-prisma-cli.test.ts.
// It records the deadlines of a second or more that the WebAssembly schema engine arms (the ones
// prisma/cli-adapter.ts unrefs) and, as the process exits, prints how many were armed and how many had
// fired. Exiting with one still pending proves the exit followed the work, not the engine's timer.
const arm = globalThis.setTimeout;
let armed = 0;
let fired = 0;
globalThis.setTimeout = function probedSetTimeout(handler, ms, ...rest) {
  if (typeof handler !== "function" || !((ms ?? 0) >= 1000) || !new Error().stack?.includes("wasm://"))
    return arm(handler, ms, ...rest);
  armed += 1;
  return arm(
    (...args) => {
      fired += 1;
      handler(...args);
    },
    ms,
    ...rest,
  );
};
process.on("exit", () => process.stderr.write(`\nENGINE_TIMERS armed=${armed} fired=${fired}\n`));
