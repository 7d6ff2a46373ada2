// One call for a desk integration file's world (file-world.ts: started in its beforeAll, closed in its afterAll,
// read through getters), with the raise helper the desk files share.
import { beforeEach } from "vitest";
import {
  actionCtxFor,
  closeDeskWorld,
  raiseAndDeliver,
  simAnswerOf,
  startDeskWorld,
  type DeskWorld,
} from "./desk-alarms";
import { fileWorld } from "./file-world";
import { clearSimFaults } from "./sim-world";

export type DeskFile = DeskWorld & {
  /** An alarm raised on the simulator with its events delivered to our receiver; its verification. */
  raise(siteId: number, expiresInS?: number): ReturnType<typeof raiseAndDeliver>;
  /** The answer CHeKT holds for a verification (the simulator's store); null when none. */
  simAnswerOf(id: string): ReturnType<typeof simAnswerOf>;
  /** A user's action context: what the action client gives an action (its commit and trace id). */
  ctxFor: typeof actionCtxFor;
};

type DeskFileOptions = Parameters<typeof startDeskWorld>[0] & {
  /** The file injects faults: every test starts with none (as sim-file.ts's option). */
  faults?: boolean;
};

/**
 * Registers the file's beforeAll (`startDeskWorld(opts)`), afterAll and, with `faults`, beforeEach; a part read
 * before the start throws.
 */
export function deskFile({ faults, ...opts }: DeskFileOptions = {}): DeskFile {
  const { parts, started } = fileWorld("desk world", () => startDeskWorld(opts), closeDeskWorld, [
    "db",
    "sim",
    "sql",
    "dealer",
    "picks",
  ]);
  if (faults) beforeEach(() => clearSimFaults(started().sim.url));
  return Object.assign(parts, {
    raise: (siteId: number, expiresInS = 300) => raiseAndDeliver(started().sim.url, siteId, expiresInS),
    simAnswerOf: (id: string) => simAnswerOf(started().sim.url, id),
    ctxFor: actionCtxFor,
  });
}
