"use server";
import { revalidatePath } from "next/cache";
import { dealerActionClient } from "@/lib/actions/client";
import { prisma } from "@/lib/db";
import { createContact, deleteContact, getContact, listContacts, updateContact } from "@/lib/chekt/api/contacts";
import { createByExternalId } from "@/lib/create-by-external-id";
import { assertExternalIdFree, upsertMapping } from "@/lib/mappings";
import { lastSeenContact, noticingGone } from "@/lib/mirror/contacts";
import { mirrorContact } from "@/lib/mirror/write";
import { readContactDto } from "@/lib/mirror/dto";
import { deleteByChektId } from "@/lib/delete-by-chekt-id";
import { contactIdSchema, createContactInputSchema, updateContactSchema } from "@/lib/schemas/contact";

// Each action writes the mirror from CHeKT's answer in the same transaction as the mapping and the
// audit row (write-through): nothing is mirrored that CHeKT did not accept.

export const createContactAction = dealerActionClient
  .metadata({ name: "contacts.create", role: "operator", objectKind: "contact" })
  .inputSchema(createContactInputSchema)
  .action(async ({ parsedInput: { site_id, ...body }, ctx }) => {
    const contact = await createByExternalId(ctx, {
      kind: "contact",
      body,
      create: () => createContact(ctx.scope, site_id, body, { traceId: ctx.traceId }),
      list: () => listContacts(ctx.scope, site_id, { traceId: ctx.traceId }),
      chektId: (c) => c.contact_id,
      parentChektId: site_id,
      mirror: (tx, dealerLinkId, created) => mirrorContact(tx, dealerLinkId, site_id, created, { how: "write" }),
    });
    revalidatePath(`/sites/${site_id}`);
    return { contact_id: contact.contact_id, site_id };
  });

export const updateContactAction = dealerActionClient
  .metadata({ name: "contacts.update", role: "operator", objectKind: "contact" })
  .inputSchema(updateContactSchema)
  .action(async ({ parsedInput: { site_id, contact_id, ...changes }, ctx }) => {
    if (changes.external_contact_id)
      await assertExternalIdFree(prisma, ctx.scope.dealerLinkId, "contact", changes.external_contact_id, contact_id);
    const which = { siteId: site_id, contactId: contact_id };
    // "before" is what CHeKT last told us; only a contact the mirror lacks costs a CHeKT read.
    const before =
      (await lastSeenContact(prisma, ctx.scope.dealerLinkId, site_id, contact_id)) ??
      (await noticingGone(prisma, ctx.scope.dealerLinkId, which, () =>
        getContact(ctx.scope, site_id, contact_id, { traceId: ctx.traceId }),
      ));
    const contact = await noticingGone(prisma, ctx.scope.dealerLinkId, which, () =>
      updateContact(ctx.scope, site_id, contact_id, changes, { traceId: ctx.traceId }),
    );
    await ctx.commit(
      {
        chektId: contact_id,
        externalId: contact.external_contact_id,
        dealerLinkId: ctx.scope.dealerLinkId,
        before,
        after: contact,
      },
      async (tx) => {
        await upsertMapping(tx, {
          dealerLinkId: ctx.scope.dealerLinkId,
          kind: "contact",
          chektId: contact_id,
          externalId: contact.external_contact_id,
          parentChektId: site_id,
        });
        await mirrorContact(tx, ctx.scope.dealerLinkId, site_id, contact, { how: "write" });
      },
    );
    revalidatePath(`/sites/${site_id}`);
    return { contact_id, site_id };
  });

export const deleteContactAction = dealerActionClient
  .metadata({ name: "contacts.delete", role: "operator", objectKind: "contact" })
  .inputSchema(contactIdSchema)
  .action(async ({ parsedInput: { site_id, contact_id }, ctx }) => {
    await deleteByChektId(ctx, {
      mapping: "contact",
      mirror: "contact",
      chektId: contact_id,
      parentChektId: site_id,
      // "before" is what CHeKT last told us; only a contact the mirror lacks costs a CHeKT read.
      read: async () =>
        (await lastSeenContact(prisma, ctx.scope.dealerLinkId, site_id, contact_id)) ??
        getContact(ctx.scope, site_id, contact_id, { traceId: ctx.traceId }),
      remove: () => deleteContact(ctx.scope, site_id, contact_id, { traceId: ctx.traceId }),
      fromMirror: readContactDto,
      externalId: (contact) => contact.external_contact_id,
    });
    revalidatePath(`/sites/${site_id}`);
    return { contact_id, site_id };
  });
