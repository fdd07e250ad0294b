"use server";
import { memberAction } from "@/app/_lib/actions";
import { configuredPhotoStorage } from "@/lib/studios/configured-photo-storage";
import { addPricingRule, removePricingRule } from "@/lib/studios/pricing-rules";
import { addRoomBlock, removeRoomBlock } from "@/lib/studios/room-blocks";
import { removeRoomPhoto } from "@/lib/studios/room-photos";
import { saveRoomDetails } from "@/lib/studios/save-room-details";
import { pricingRuleSchema, roomBlockSchema, updateRoomSchema } from "@/lib/studios/schemas";
import { studioCurrency } from "@/lib/studios/studio-currency";
import type { Member } from "@/lib/auth/member";
import { readForm } from "@/lib/actions/read-form";

/** The whole workspace's pages show the setup (the rooms list, the booking pages). */
const setupChanged = (gate: Member, message: string) => ({
  message,
  revalidate: [{ path: `/w/${gate.workspaceSlug}`, type: "layout" as const }],
});

export const updateRoomAction = memberAction("studios.manage", {
  fields: {
    roomId: "text",
    name: "text",
    kind: "text",
    capacity: "text",
    features: "text",
    photos: "text",
    hourlyRate: "text",
    stepMinutes: "text",
    minMinutes: "text",
    maxMinutes: "text",
    bufferMinutes: "text",
    active: "text",
  },
  schema: async ({ db, gate, form }) =>
    updateRoomSchema(await studioCurrency(db, gate.workspaceId, { roomId: form.get("roomId") })),
  run: async ({ db, gate, input, form, now }) => {
    // The photo is a file, not a schema's field: read beside the fields, sent as bytes.
    const file = readForm(form, { photo: "file" }).photo;
    const photo = file ? new Uint8Array(await file.arrayBuffer()) : null;
    return saveRoomDetails(db, configuredPhotoStorage(), gate, { ...input, photo }, now);
  },
  refused: { fallback: "The room was not saved." },
  done: (saved, { gate }) =>
    setupChanged(
      gate,
      `Room saved. Bookings already made keep their times and prices.${saved.photoId ? " The photo was added." : ""}`,
    ),
});

export const removeRoomPhotoAction = memberAction("studios.manage", {
  fields: { photoId: "string" },
  run: ({ db, gate, input, now }) => removeRoomPhoto(db, configuredPhotoStorage(), gate, input, now),
  refused: { fallback: "The photo was not removed." },
  done: (_, { gate }) => setupChanged(gate, "Photo removed."),
});

export const addRoomBlockAction = memberAction("studios.manage", {
  fields: ["roomId", "startsAt", "endsAt", "reason"],
  schema: roomBlockSchema,
  run: ({ db, gate, input, now }) => addRoomBlock(db, gate, input, now),
  refused: { fallback: "The block was not added." },
  done: ({ overlappingBookings: n }, { gate }) => {
    const warning =
      n === 0
        ? ""
        : ` ${n} ${n === 1 ? "booking overlaps" : "bookings overlap"} it: move or cancel ${n === 1 ? "it" : "them"} from Bookings.`;
    return setupChanged(gate, `Maintenance block added.${warning}`);
  },
});

export const removeRoomBlockAction = memberAction("studios.manage", {
  fields: { blockId: "string" },
  run: ({ db, gate, input, now }) => removeRoomBlock(db, gate, input, now),
  refused: { fallback: "The block was not removed." },
  done: (_, { gate }) => setupChanged(gate, "Maintenance block removed."),
});

export const addPricingRuleAction = memberAction("studios.manage", {
  fields: ["roomId", "name", "weekday", "startsAt", "endsAt", "priceKind", "price"],
  schema: async ({ db, gate, form }) =>
    pricingRuleSchema(await studioCurrency(db, gate.workspaceId, { roomId: form.get("roomId") })),
  run: ({ db, gate, input, now }) => addPricingRule(db, gate, input, now),
  refused: { fallback: "The peak rule was not added." },
  done: (_, { gate, input }) => setupChanged(gate, `Peak rule “${input.name}” added.`),
});

export const removePricingRuleAction = memberAction("studios.manage", {
  fields: { ruleId: "string" },
  run: ({ db, gate, input, now }) => removePricingRule(db, gate, input, now),
  refused: { fallback: "The peak rule was not removed." },
  done: (_, { gate }) => setupChanged(gate, "Peak rule removed."),
});
