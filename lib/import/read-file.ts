// An uploaded sheet as text. Only UTF-8 is read: a file saved in another encoding (Excel's
// "CSV" on Windows writes Windows-1252) would turn "Café" into "Caf�", so it is refused with a
// message naming the file instead of importing damaged names. Client-safe (TextDecoder).

export type ReadSheet = { ok: true; text: string } | { ok: false; message: string };

export function decodeSheet(name: string, bytes: ArrayBuffer | Uint8Array): ReadSheet {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  // UTF-16 exports (Excel's "Unicode text") start with a byte-order mark.
  if ((view[0] === 0xff && view[1] === 0xfe) || (view[0] === 0xfe && view[1] === 0xff)) {
    return { ok: false, message: `${name} is UTF-16 text; save it as "CSV UTF-8" and upload it again.` };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(view) };
  } catch {
    return {
      ok: false,
      message:
        `${name} is not UTF-8 text (probably Windows-1252 or Latin-1, as older Excel saves CSV); save it as ` +
        `"CSV UTF-8" and upload it again. Nothing was read.`,
    };
  }
}
