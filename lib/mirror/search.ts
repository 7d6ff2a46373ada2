// The site search's LIKE pattern (lib/mirror/read.ts). Pure module.

/** `text` as a LIKE pattern that matches it literally (%, _ and \ escaped). */
export function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
