"use server";
import { memberAction } from "@/app/_lib/actions";
import { texts } from "@/lib/actions/read-form";
import type { Member } from "@/lib/auth/member";
import { createAddOn, setAddOnActive, updateAddOn } from "@/lib/studios/add-ons";
import { addClosure, removeClosure } from "@/lib/studios/closures";
import { openingHoursField } from "@/lib/studios/opening-hours-field";
import { createRoom } from "@/lib/studios/rooms";
import {
  addOnActiveSchema,
  closureSchema,
  createAddOnSchema,
  createRoomSchema,
  updateAddOnSchema,
  updateStudioSchema,
  TAX_ADDRESS_FIELDS,
} from "@/lib/studios/schemas";
import { studioCurrency } from "@/lib/studios/studio-currency";
import { updateStudio } from "@/lib/studios/studios";
import { failed } from "@/lib/action-state";

/** The whole workspace's pages show the setup (the studio list, the booking pages). */
const setupChanged = (gate: Member, message: string) => ({
  message,
  revalidate: [{ path: `/w/${gate.workspaceSlug}`, type: "layout" as const }],
});
const ROOM_FIELDS = [
  "studioId",
  "name",
  "kind",
  "capacity",
  "features",
  "photos",
  "hourlyRate",
  "stepMinutes",
  "minMinutes",
  "maxMinutes",
  "bufferMinutes",
  "active",
] as const;
const ADD_ON_FIELDS = ["name", "pricing", "price"] as const;

export const updateStudioAction = memberAction("studios.manage", {
  fields: {
    ...texts(["studioId", "name", "address", "timeZone", "currency", "taxMode", "taxSource", "taxRate", "taxName"]),
    ...texts(TAX_ADDRESS_FIELDS),
    openingHours: openingHoursField,
  },
  schema: updateStudioSchema,
  run: ({ db, gate, input, now }) => updateStudio(db, gate, input, now),
  refused: { fallback: "The studio was not saved." },
  done: (_, { gate }) => setupChanged(gate, "Studio saved."),
});

export const addClosureAction = memberAction("studios.manage", {
  fields: ["studioId", "startsOn", "endsOn", "reason"],
  schema: closureSchema,
  run: ({ db, gate, input, now }) => addClosure(db, gate, input, now),
  refused: { fallback: "The closure was not added." },
  done: (_, { gate }) => setupChanged(gate, "Closure added. No new booking can start on those days."),
});

export const removeClosureAction = memberAction("studios.manage", {
  fields: { closureId: "string" },
  run: ({ db, gate, input, now }) => removeClosure(db, gate, input, now),
  refused: { fallback: "The closure was not removed." },
  done: (_, { gate }) => setupChanged(gate, "Closure removed."),
});

export const createRoomAction = memberAction("studios.manage", {
  fields: ROOM_FIELDS,
  schema: async ({ db, gate, form }) =>
    createRoomSchema(await studioCurrency(db, gate.workspaceId, { studioId: form.get("studioId") })),
  run: ({ db, gate, input, now }) => createRoom(db, gate, input, now),
  refused: { fallback: "The room was not added." },
  done: (room, { gate }) => ({
    revalidate: [{ path: `/w/${gate.workspaceSlug}`, type: "layout" }],
    redirect: `/w/${gate.workspaceSlug}/setup/rooms/${room.id}?added=1`,
  }),
});

export const createAddOnAction = memberAction("studios.manage", {
  fields: ["studioId", ...ADD_ON_FIELDS],
  schema: async ({ db, gate, form }) =>
    createAddOnSchema(await studioCurrency(db, gate.workspaceId, { studioId: form.get("studioId") })),
  run: ({ db, gate, input, now }) => createAddOn(db, gate, input, now),
  refused: { fallback: "The add-on was not added." },
  done: (_, { gate, input }) => setupChanged(gate, `${input.name} added.`),
});

export const updateAddOnAction = memberAction("studios.manage", {
  fields: ["addOnId", ...ADD_ON_FIELDS],
  schema: async ({ db, gate, form }) =>
    updateAddOnSchema(await studioCurrency(db, gate.workspaceId, { addOnId: form.get("addOnId") })),
  run: ({ db, gate, input, now }) => updateAddOn(db, gate, input, now),
  refused: { fallback: "The add-on was not saved." },
  done: (_, { gate, input }) => setupChanged(gate, `${input.name} saved.`),
});

export const setAddOnActiveAction = memberAction("studios.manage", {
  fields: ["addOnId", "active"],
  schema: addOnActiveSchema,
  invalid: (_, form) => failed(form, "That add-on does not exist."),
  run: ({ db, gate, input, now }) => setAddOnActive(db, gate, input, now),
  refused: { fallback: "The add-on was not changed." },
  done: (addOn, { gate, input }) =>
    setupChanged(gate, input.active ? `${addOn.name} is offered again.` : `${addOn.name} is no longer offered.`),
});
