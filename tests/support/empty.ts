// Stands in for `server-only` under vitest (see vitest.config.ts); the real package throws
// outside the react-server condition, which is right for the app and wrong for tests.
export {};
