// No server imports: the live queue's client components name sites with it too.

/**
 * A site as the console names it: the name the mirror knows (an empty name is none), else its CHeKT
 * number ("Site 1042").
 */
export function siteLabel(siteId: number, name: string | null | undefined): string {
  return name || `Site ${siteId}`;
}
