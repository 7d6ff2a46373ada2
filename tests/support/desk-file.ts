// One call for a desk integration file's world: started in its beforeAll, closed in its afterAll, and read
// through getters, so the files neither declare the world's parts themselves nor repeat the raise helper.
import { afterAll, beforeAll } from "vitest";
import {
  actionCtxFor,
  closeDeskWorld,
  raiseAndDeliver,
  simAnswerOf,
  startDeskWorld,
  type DeskWorld,
} from "./desk-alarms";

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
  let world: DeskWorld | undefined;
  beforeAll(async () => {
    world = await startDeskWorld(opts);
  }, 120_000);
  afterAll(() => closeDeskWorld(world));
  const started = (): DeskWorld => {
    if (!world) throw new Error("the desk world is read before its beforeAll started it");
    return world;
  };
  return {
    get db() {
      return started().db;
    },
    get sim() {
      return started().sim;
    },
    get sql() {
      return started().sql;
    },
    get dealer() {
      return started().dealer;
    },
    get picks() {
      return started().picks;
    },
    raise: (siteId, expiresInS = 300) => raiseAndDeliver(started().sim.url, siteId, expiresInS),
    simAnswerOf: (id) => simAnswerOf(started().sim.url, id),
    ctxFor: actionCtxFor,
  };
}
