// Password hashing. Plain Node (no server-only, no next-auth) so the seed script can use it too.
import bcrypt from "bcryptjs";

/** bcrypt cost: about 100-200 ms per hash here, slow enough to hurt guessing, fast enough to sign in. */
export const BCRYPT_COST = 11;

export async function hashPassword(plain: string): Promise<string> {
  if (plain.length < 8) throw new Error("A password needs at least 8 characters");
  return bcrypt.hash(plain, BCRYPT_COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

// Compared against when the email is unknown, so "no such user" costs as long as "wrong password"
// and response time does not reveal which emails exist. (Hash of a random string; nothing matches it.)
export const DUMMY_HASH = "$2b$11$4qaalMToi1evFSK6q0U7seMYiykcOXYzyjclnuAHXM6.kaFBN7U.6";
