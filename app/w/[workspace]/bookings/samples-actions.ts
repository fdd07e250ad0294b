"use server";
import { memberAction } from "@/app/_lib/actions";
import { invalid } from "@/lib/action-state";
import { assignSampleSchema } from "@/lib/samples/schemas";
import { assignSample } from "@/lib/samples/assign-sample";

/**
 * Staff assign samples already in the studio to a session (the booking page's samples card). Staging and returning
 * them use the inventory's actions: the same stock rows, the same rules.
 */
export const assignSampleAction = memberAction("inventory.manage", {
  fields: ["bookingId", "shipmentItemId", "quantity"],
  schema: assignSampleSchema,
  invalid: (error, form) => {
    // The item comes from a select: say so in words rather than zod's "Invalid UUID".
    const state = invalid(form, error);
    if (state.fieldErrors?.shipmentItemId) state.fieldErrors.shipmentItemId = ["Choose an item in the studio"];
    return state;
  },
  run: ({ db, gate, input, now }) => assignSample(db, gate, input, now),
  refused: { not_found: "That item is not in this workspace.", fallback: "Check the fields marked below." },
  done: (_, { gate, input }) => ({
    message: `Assigned ${input.quantity} to this session.`,
    revalidate: [{ path: `/w/${gate.workspaceSlug}/bookings`, type: "layout" }],
  }),
});
