// `@/lib/auth/index` (next-auth's configured instance) for tests whose session comes from a stand-in
// (`@/lib/auth/session` mocked): anything that still reaches next-auth fails loudly, naming the test's
// assumption, instead of hanging on a missing Next request.
//   vi.mock("@/lib/auth/index", () => import("../support/auth-unavailable"));
const notHere = async (): Promise<never> => {
  throw new Error("next-auth is not part of this test: its session comes from a stand-in getSessionUser");
};
export const auth = notHere;
export const signIn = notHere;
export const signOut = notHere;
export const handlers = { GET: notHere, POST: notHere };
export class ThrottledSignin extends Error {}
