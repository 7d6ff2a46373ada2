// The signed-in operator as the desk writes them down beside a claim, a note or a site's directions.

export type Operator = { id: string; name: string; email: string };

/** The name kept beside what they did: their name, or their email when they have none. */
export const operatorName = (me: Pick<Operator, "name" | "email">) => me.name || me.email;
