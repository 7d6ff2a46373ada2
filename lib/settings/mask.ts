// Masking for credentials shown on the Settings page. A masked value must identify WHICH key is
// configured (its kind prefix and at most its last 4 characters) without revealing the secret.

/** Prefixes that say what kind of credential a value is; they carry no secret entropy. */
const KNOWN_PREFIXES = ["chekt_live_", "chekt_test_", "whsec_"] as const;

/** Values shorter than this show no tail at all: 4 characters of a short secret is too much of it. */
const MIN_LENGTH_FOR_TAIL = 16;

export type MaskedCredential = { set: false } | { set: true; masked: string; length: number };

export function maskSecret(value: string | null | undefined): MaskedCredential {
  const v = value?.trim();
  if (!v) return { set: false };
  const prefix = KNOWN_PREFIXES.find((p) => v.startsWith(p)) ?? "";
  const rest = v.slice(prefix.length);
  const tail = v.length >= MIN_LENGTH_FOR_TAIL && rest.length > 8 ? v.slice(-4) : "";
  return { set: true, masked: `${prefix}…${tail}`, length: v.length };
}

/** A PEM private key shows only its kind, never any of its characters. */
export function maskPrivateKey(value: string | null | undefined): MaskedCredential {
  const v = value?.trim();
  if (!v) return { set: false };
  const kind = /BEGIN ([A-Z ]*PRIVATE KEY)/.exec(v)?.[1] ?? "private key";
  return { set: true, masked: `PEM (${kind.toLowerCase()})`, length: v.length };
}
