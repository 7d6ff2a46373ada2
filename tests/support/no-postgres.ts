// lib/env validates every variable on import, DATABASE_URL among them. A unit test whose modules import it
// but never touch Postgres imports this file first, before those modules, so that they load.
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/unused";
