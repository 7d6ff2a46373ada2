-- Prisma 6.19.3's WebAssembly schema engine panics ("RuntimeError: unreachable") introspecting a
-- CHECK constraint, which broke `migrate diff` and `db:new-migration` (measured). An outcome's kind
-- stays limited to dispatch/disregard by the zod schemas in lib/verifications/outcomes-schemas.ts,
-- the only way rows are written.
ALTER TABLE "desk_outcomes" DROP CONSTRAINT "desk_outcomes_kind_check";
