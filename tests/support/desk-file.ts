// One call for a desk integration file's world (file-world.ts: started in its beforeAll, closed in its afterAll,
// read through getters), with the raise helper the desk files share.
import {
  actionCtxFor,
  closeDeskWorld,
  raiseAndDeliver,
  simAnswerOf,
  startDeskWorld,
  type DeskWorld,
} from "./desk-alarms";
import { fileWorld } from "./file-world";

export type DeskFile = DeskWorld & {
  /** An alarm raised on the simulator with its events delivered to our receiver; its verification. */
  raise(siteId: number, expiresInS?: number): ReturnType<typeof raiseAndDeliver>;
  /** The answer CHeKT holds for a verification (the simulator's store); null when none. */
  simAnswerOf(id: string): ReturnType<typeof simAnswerOf>;
  /** A user's action context: what the action client gives an action (its commit and trace id). */
  ctxFor: typeof actionCtxFor;
};

/** Registers the file's beforeAll (`startDeskWorld(opts)`) and afterAll; a part read before the start throws. */
export function deskFile(opts: Parameters<typeof startDeskWorld>[0] = {}): DeskFile {
  const { parts, started } = fileWorld("desk world", () => startDeskWorld(opts), closeDeskWorld, [
    "db",
    "sim",
    "sql",
    "dealer",
    "picks",
  ]);
  return Object.assign(parts, {
    raise: (siteId: number, expiresInS = 300) => raiseAndDeliver(started().sim.url, siteId, expiresInS),
    simAnswerOf: (id: string) => simAnswerOf(started().sim.url, id),
    ctxFor: actionCtxFor,
  });
}
