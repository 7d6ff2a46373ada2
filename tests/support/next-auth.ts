// `next-auth` does not load outside Next (it imports next/server internals). Tests that reach code
// importing its error classes mock it with this module:
//   vi.mock("next-auth", () => import("../support/next-auth"));
export class AuthError extends Error {
  type = "AuthError";
}
export class CredentialsSignin extends AuthError {
  code = "credentials";
}
export default function NextAuth() {
  return {};
}
