// An answer must name a contact of the site (lib/verifications/schemas.ts, CHeKT's PATCH). The opened
// alarm says before the outcome picker opens why it cannot go (none picked, none to pick: contactProblem),
// and a site with no contacts says so beside the contact select, with a link to add one, instead of
// offering only "Choose a contact".
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { ContactSelect } from "@/components/verifications/answer/contact-select";
import { contactProblem, NO_CONTACTS, PICK_CONTACT } from "@/components/verifications/answer/use-answer-contact";
import type { DeskDetail } from "@/lib/verifications/types";
import { DESK_DEALER, openedAlarm } from "../support/desk-work";
import { queueItem } from "../support/queue-item";

vi.mock("@/actions/verifications", () => ({}));
// Directions and notes are forms bound to server actions, and nothing here is about them.
vi.mock("@/components/verifications/detail/detail-site-notes", () => ({ DetailSiteNotes: () => null }));

const ann = { id: 7, name: "Ann Lee", phone: "+1 555 0100", named: false };
const nothing = () => undefined;

function detailOf(callList: DeskDetail["callList"]): DeskDetail {
  return {
    verificationId: "v1",
    site: null,
    station: null,
    callList,
    namedContactMissing: false,
    directions: null,
    notes: [],
    history: [],
  };
}

/** The opened alarm as the server renders it, its site's detail already read. */
function openedWith(callList: DeskDetail["callList"], contactId: number | null) {
  const item = queueItem("v1", 1, { siteId: 1042, state: "claimed", claimedByMe: true, contactId });
  const client = new QueryClient();
  client.setQueryData(["desk-detail", DESK_DEALER.id, "v1"], detailOf(callList));
  return renderToStaticMarkup(createElement(QueryClientProvider, { client }, openedAlarm(item)));
}

describe("contactProblem: why the picker does not open yet", () => {
  it("a contact picked (or CHeKT's, or the first of the call list): none", () => {
    expect(contactProblem("7", [ann])).toBeNull();
    expect(contactProblem("7", [])).toBeNull();
  });
  it("none picked: pick one; none to pick: the site has none, add one", () => {
    expect(contactProblem("", [ann])).toBe(PICK_CONTACT);
    expect(contactProblem("", undefined)).toBe(PICK_CONTACT);
    expect(contactProblem("", [])).toBe(NO_CONTACTS);
  });
});

describe("a site with no contacts", () => {
  it("the opened alarm says so beside the select, with a link to add one in a new tab", () => {
    const html = openedWith([], null);
    expect(html).toContain("This site has no contacts.");
    expect(html).toMatch(/<a href="\/sites\/1042\/contacts\/new" target="_blank"[^>]*>Add a contact to this site/);
    expect(html).toContain(">None to choose yet</option>");
    expect(html).not.toContain(">Choose a contact</option>");
    // Said once, beside the select that says what to do: not again by the empty call list or the select's value.
    expect(html.match(/no contacts/gi)).toHaveLength(1);
    expect(html).not.toContain("Call list");
  });

  it("a site with contacts offers them, CHeKT's choice marked, and no link", () => {
    const html = openedWith([ann], 7);
    expect(html).toContain("Ann Lee · +1 555 0100 (CHeKT&#x27;s choice)");
    expect(html).not.toContain("This site has no contacts");
  });

  it("CHeKT's choice the call list does not hold is still offered", () => {
    const html = openedWith([ann], 99);
    expect(html).toContain(">Contact 99 (CHeKT&#x27;s choice)</option>");
  });
});

describe("ContactSelect marked invalid", () => {
  it("the error is tied to the select (aria-invalid, aria-describedby) and read out", () => {
    const html = renderToStaticMarkup(
      createElement(ContactSelect, {
        item: queueItem("v1", 1),
        contacts: { data: [ann], isLoading: false, isError: false, error: null },
        value: "",
        onChange: nothing,
        error: PICK_CONTACT,
      }),
    );
    const select = /<select[^>]*>/.exec(html)![0];
    expect(select).toContain('aria-invalid="true"');
    const describedBy = /aria-describedby="([^"]+)"/.exec(select)![1]!.split(" ");
    const error = /<p id="([^"]+)"[^>]*role="alert"[^>]*>([^<]*)<\/p>/.exec(html)!;
    expect(describedBy).toContain(error[1]);
    expect(error[2]).toBe(PICK_CONTACT);
  });
});
