"use server";
import { memberAction } from "@/app/_lib/actions";
import { texts } from "@/lib/actions/read-form";
import { openingHoursField } from "@/lib/studios/opening-hours-field";
import { studioSchema, TAX_ADDRESS_FIELDS } from "@/lib/studios/schemas";
import { createStudio } from "@/lib/studios/studios";

export const createStudioAction = memberAction("studios.manage", {
  fields: {
    ...texts(["name", "address", "timeZone", "currency", "taxMode", "taxSource", "taxRate", "taxName"]),
    ...texts(TAX_ADDRESS_FIELDS),
    openingHours: openingHoursField,
  },
  schema: studioSchema,
  run: ({ db, gate, input, now }) => createStudio(db, gate, input, now),
  refused: { fallback: "The studio was not added." },
  done: (studio, { gate }) => ({
    revalidate: [{ path: `/w/${gate.workspaceSlug}`, type: "layout" }],
    redirect: `/w/${gate.workspaceSlug}/setup/studios/${studio.id}`,
  }),
});
