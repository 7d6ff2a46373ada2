import "server-only";
import { notFound } from "next/navigation";
import { isChektError } from "@/lib/chekt/errors";

export type Read<T> = { ok: true; data: T } | { ok: false; error: unknown };

/**
 * For pages: a CHeKT read that turns a 404 into the route's not-found page and any other failure
 * into a value the page can explain (403 dealer link, 429 busy, network), instead of a crash.
 */
export async function read<T>(p: Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, data: await p };
  } catch (error) {
    if (isChektError(error) && error.kind === "not_found") notFound();
    return { ok: false, error };
  }
}

/** Like read, but a 404 is just a failure (for secondary panels of a page). */
export async function readSoft<T>(p: Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, data: await p };
  } catch (error) {
    return { ok: false, error };
  }
}
