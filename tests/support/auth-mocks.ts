// Import this (after tests/support/console-mocks.ts) where the code under test reaches Auth.js
// (lib/auth/index.ts, next-auth), which cannot start outside a Next server: both are stand-ins that
// say so if a test reaches them.
//   import "../support/auth-mocks";
import { vi } from "vitest";

vi.mock("@/lib/auth/index", () => import("./auth-unavailable"));
vi.mock("next-auth", () => import("./next-auth"));
