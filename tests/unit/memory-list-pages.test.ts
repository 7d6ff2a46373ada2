import { describe, expect, it } from "vitest";
import { pageOfStations, stationsList } from "@/lib/mirror/stations-list-state";
import { pageOfUsers, usersList } from "@/lib/users/list-state";

const at = (s: string) => new Date(`2026-11-${s}T10:00:00Z`);
const people = [
  { email: "ana@acme.test", name: "Ana Lima", role: "admin", disabled: false, lastSignInAt: at("20") },
  { email: "bo@acme.test", name: "Bo Stone", role: "viewer", disabled: true, lastSignInAt: null },
  { email: "cy@acme.test", name: "Cy Park", role: "operator", disabled: false, lastSignInAt: at("02") },
];
const state = (p: Record<string, string>) => usersList.parse(p);
const emails = (p: Record<string, string>) => pageOfUsers(people, state(p)).rows.map((u) => u.email);

describe("pageOfUsers", () => {
  it("keeps the service's order when no sort is chosen", () => {
    expect(emails({})).toEqual(["ana@acme.test", "bo@acme.test", "cy@acme.test"]);
  });

  it("searches name and email in any case", () => {
    expect(emails({ q: "STONE" })).toEqual(["bo@acme.test"]);
    expect(emails({ q: "cy@" })).toEqual(["cy@acme.test"]);
    expect(emails({ q: "nobody" })).toEqual([]);
  });

  it("sorts by role, status and last sign-in, either way", () => {
    expect(emails({ sort: "role" })).toEqual(["ana@acme.test", "cy@acme.test", "bo@acme.test"]);
    expect(emails({ sort: "status", dir: "desc" })[0]).toBe("bo@acme.test");
    expect(emails({ sort: "lastSignIn" }).slice(0, 2)).toEqual(["cy@acme.test", "ana@acme.test"]);
  });

  it("cuts the page the URL names and counts every match", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      ...people[0],
      email: `u${String(i).padStart(2, "0")}@x.test`,
    }));
    const page = pageOfUsers(many, state({ page: "2" }));
    expect(page.total).toBe(30);
    expect(page.rows.map((u) => u.email)).toEqual([
      "u25@x.test",
      "u26@x.test",
      "u27@x.test",
      "u28@x.test",
      "u29@x.test",
    ]);
  });
});

describe("pageOfStations", () => {
  const stations = [
    { name: "Beta CS", external_monitoring_station_id: "st-2", prefix: null, created_at: "2026-10-01T00:00:00Z" },
    { name: "alpha cs", external_monitoring_station_id: "st-10", prefix: "B", created_at: "2026-09-01T00:00:00Z" },
    { name: "Gamma CS", external_monitoring_station_id: "st-1", prefix: "A", created_at: null },
  ];
  const names = (p: Record<string, string>) => pageOfStations(stations, stationsList.parse(p)).rows.map((s) => s.name);

  it("sorts by name by default, and by each sortable column either way", () => {
    expect(names({})).toEqual(["alpha cs", "Beta CS", "Gamma CS"]);
    expect(names({ sort: "name", dir: "desc" })).toEqual(["Gamma CS", "Beta CS", "alpha cs"]);
    expect(names({ sort: "prefix" }).slice(0, 2)).toEqual(["Gamma CS", "alpha cs"]);
    expect(names({ sort: "created" }).slice(0, 2)).toEqual(["alpha cs", "Beta CS"]);
  });
});
