// No imports and no "server-only": pages, client components and server messages all count things.

/** "12,345": every count the console shows is grouped this one way, on the server and in the browser alike. */
export const countText = (n: number): string => n.toLocaleString("en-US");
