// "Account number unique on its station" compares account numbers one way everywhere: the site
// form's check (./account.ts), the sheet import (lib/import/validate.ts, context.ts) and readiness
// (./query.ts). An account number is trimmed, and one left blank is none. CHeKT keeps what it was
// sent ("1001 " from another client), so the mirror's value is normalised where it is compared,
// never rewritten. ./account.ts holds the SQL twin. Client-safe: the sheet is checked in the browser.

/**
 * Exactly the characters String.prototype.trim removes (tests/unit/readiness-account-number.test.ts
 * checks every UTF-16 code unit), so Postgres's btrim given them trims what the browser trims.
 */
export const ACCOUNT_NUMBER_BLANKS =
  "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" +
  "\u2028\u2029\u202f\u205f\u3000\ufeff";

/** The account number as the rule compares it: trimmed; null when there is none or only blanks. */
export function accountNumberOf(raw: string | null | undefined): string | null {
  const trimmed = raw?.trim();
  return trimmed ? trimmed : null;
}

/** The key the rule is unique by, `${stationId}|${account}`; null when the station or the account number is missing. */
export function stationAccountKey(
  stationId: number | null | undefined,
  account: string | null | undefined,
): string | null {
  const normalised = accountNumberOf(account);
  return stationId && normalised ? `${stationId}|${normalised}` : null;
}
