// The audit rows the running test wrote: `testAuditRows(world)` registers a beforeEach that marks the newest
// row, and answers an action's rows written after that mark, oldest first. A file's tests then never count
// each other's rows, whatever order they run in.
import { beforeEach } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export function testAuditRows(world: { prisma: PrismaClient }) {
  let mark = BigInt(0);
  beforeEach(async () => {
    mark = (await world.prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
  });
  return (action: string) =>
    world.prisma.auditLog.findMany({ where: { action, id: { gt: mark } }, orderBy: { id: "asc" } });
}
