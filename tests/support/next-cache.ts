// `next/cache` outside a Next request: there is no page cache to revalidate, and a cached function
// runs every time.
//   vi.mock("next/cache", () => import("../support/next-cache"));
export function revalidatePath(_path: string, _type?: "page" | "layout") {}
export function revalidateTag(_tag: string) {}
export function unstable_cache<T>(fn: T): T {
  return fn;
}
