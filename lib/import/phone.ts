// Phone cells of an imported sheet. Most are North American numbers written with spaces, dots,
// dashes or brackets; those are turned into E.164 directly, because libphonenumber-js costs about
// 0.17 ms a number and a 10,000-row sheet with two contacts a row would spend seconds on it. The
// fast path accepts exactly what normalisePhone (lib/schemas/fields.ts) accepts for such numbers
// (ten digits, the first 2–9, optionally after 1 or +1); everything else goes to libphonenumber.
import { normalisePhone, optionalPhone } from "@/lib/schemas/fields";

const NANP = /^(?:\+?1)?([2-9]\d{9})$/;

export function importPhone(value: string): string | null {
  const compact = value.trim().replace(/[\s().-]/g, "");
  const m = NANP.exec(compact);
  if (m) return `+1${m[1]}`;
  return normalisePhone(value);
}

/** The contact form's phone rule (optionalPhone), with the fast path above. */
export const importPhoneField = (label: string) => optionalPhone(label, importPhone);
