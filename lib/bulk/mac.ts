// MAC addresses arrive in any of the MAC_FORMATS below.
// We send one form so a later lookup or duplicate check compares like with like.

/** The ways a MAC may be written, as the add and paste forms tell the user. */
export const MAC_FORMATS = "AA:BB:CC:DD:EE:FF, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff or aabbccddeeff";

const HEX12 = /^[0-9a-f]{12}$/;

/** Canonical upper-case, colon-separated form, or null when the text is not a 48-bit MAC. */
export function normalizeMac(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[0-9a-fA-F:\-. ]+$/.test(trimmed)) return null;
  const groups = trimmed.split(/[:\-. ]/);
  // Separators, when present, must split into even groups (AA:BB… or AABB.CCDD…), never "A:BBB…".
  if (groups.length > 1 && !groups.every((g) => g.length === 2 || g.length === 4)) return null;
  const hex = groups.join("").toLowerCase();
  if (!HEX12.test(hex)) return null;
  return hex.toUpperCase().match(/.{2}/g)!.join(":");
}
