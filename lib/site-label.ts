// No server imports: the live queue's client components name sites with it too.

/**
 * A site as the console names it: the name the mirror knows (an empty name is none), else its CHeKT
 * number ("Site 1042").
 */
export function siteLabel(siteId: number, name: string | null | undefined): string {
  return name || `Site ${siteId}`;
}

/**
 * A site named in a sentence where two sites may share a name (an account number another site uses):
 * its name quoted with its CHeKT number, `"Harbor" (#12)`, or siteLabel's "Site 12" when it has none.
 */
export function siteRef(siteId: number, name: string | null | undefined): string {
  return name ? `"${name}" (#${siteId})` : siteLabel(siteId, name);
}

/**
 * siteLabel in SQL, for a report that names sites in Postgres: `name` and `siteId` are SQL
 * expressions of the query (columns, aggregates), never values, and it must give what siteLabel gives.
 */
export function siteLabelSql(name: string, siteId: string): string {
  return `COALESCE(NULLIF(${name}, ''), 'Site ' || ${siteId})`;
}

/**
 * A site's contact as the console names them: first and last name, whichever they have (a blank one
 * is none), else their CHeKT number ("Contact 88").
 */
export function contactLabel(contactId: number, firstName: string, lastName: string): string {
  return (
    [firstName, lastName]
      .map((part) => part.trim())
      .filter(Boolean)
      .join(" ") || `Contact ${contactId}`
  );
}
