import { ChektError } from "@/lib/chekt/errors";

/** The ChektError a call ends with; fails the test when the call succeeds or throws anything else. */
export async function caughtChektError(p: Promise<unknown>): Promise<ChektError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ChektError) return e;
    throw e;
  }
  throw new Error("expected a ChektError, the call succeeded");
}
