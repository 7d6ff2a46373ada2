// Import this first in a test file that calls server actions or route helpers directly, outside a
// Next request: the session comes from tests/support/session.ts, `next/headers` from
// tests/support/next-headers.ts and `next/cache` from tests/support/next-cache.ts.
//   import "../support/console-mocks";
// Vitest transforms a test file's imports into awaited imports in their order, so these mocks are
// registered before any later import reaches the mocked modules.
import { vi } from "vitest";

vi.mock("@/lib/auth/session", () => import("./session"));
vi.mock("next/headers", () => import("./next-headers"));
vi.mock("next/cache", () => import("./next-cache"));
