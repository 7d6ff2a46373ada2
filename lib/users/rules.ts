// Guards for user administration, pure so each refusal is unit-tested.
import type { Role } from "@/lib/roles";

export type UserState = { id: string; role: Role; disabled: boolean };

export type Refusal = { code: string; message: string } | null;

/**
 * An install must keep at least one enabled admin, or nobody can ever administer it again.
 * `activeAdmins` counts enabled admins INCLUDING the target, read in the same transaction.
 */
export function checkChange(
  actorId: string,
  target: UserState,
  change: { role?: Role; disabled?: boolean },
  activeAdmins: number,
): Refusal {
  const losesAdmin =
    target.role === "admin" &&
    !target.disabled &&
    ((change.role !== undefined && change.role !== "admin") || change.disabled === true);
  if (losesAdmin && activeAdmins <= 1) {
    return {
      code: "last_admin",
      message:
        target.id === actorId
          ? "You are the last enabled admin: make someone else an admin first, then you can step down."
          : "This is the last enabled admin; make another user an admin first.",
    };
  }
  if (change.disabled === true && target.id === actorId) {
    return { code: "self_disable", message: "You cannot disable your own account. Ask another admin." };
  }
  return null;
}

// Unambiguous characters only (no 0/O, 1/l/I), so a password read aloud or copied by hand works.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A one-time password with ~95 bits of entropy: 16 characters from a 57-symbol alphabet. */
export function generateOneTimePassword(randomBytes: (n: number) => Uint8Array, length = 16): string {
  let out = "";
  // Rejection sampling keeps every character equally likely (no modulo bias).
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < limit && out.length < length) out += ALPHABET[b % ALPHABET.length];
    }
  }
  return out;
}
