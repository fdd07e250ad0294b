"use server";
import { memberAction } from "@/app/_lib/actions";
import { policiesFormSchema } from "@/lib/studios/schemas";
import { updatePolicies } from "@/lib/studios/update-policies";

const FIELDS = [
  "minNoticeMinutes",
  "bookingWindowDays",
  "holdMinutes",
  "freeCancellationHours",
  "lateCancelFeePercent",
  "noShowFeePercent",
  "cardOnFile",
  "blockBookingWhenUnpaid",
  "invoiceDelayMinutes",
  "checkInOpensMinutes",
  "noShowGraceMinutes",
  "overtimeGraceMinutes",
  "overtimeRatePercent",
  "storageOverrunPercent",
] as const;

export const updatePoliciesAction = memberAction("policies.manage", {
  fields: FIELDS,
  schema: policiesFormSchema,
  run: ({ db, gate, input, now }) => updatePolicies(db, gate, input, now),
  refused: { fallback: "The policies were not saved." },
  done: (_, { gate }) => ({
    message: "Policies saved. They apply to bookings, cancellations and no-shows from now on.",
    revalidate: [{ path: `/w/${gate.workspaceSlug}`, type: "layout" }],
  }),
});
