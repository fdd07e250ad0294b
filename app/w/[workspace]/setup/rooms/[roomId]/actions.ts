"use server";
import { revalidatePath } from "next/cache";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { studioCurrency } from "@/lib/studios/studio-currency";
import { addPricingRule, removePricingRule } from "@/lib/studios/pricing-rules";
import { addRoomBlock, removeRoomBlock } from "@/lib/studios/room-blocks";
import { configuredPhotoStorage } from "@/lib/studios/configured-photo-storage";
import { removeRoomPhoto } from "@/lib/studios/room-photos";
import { saveRoomDetails } from "@/lib/studios/save-room-details";
import { pricingRuleSchema, roomBlockSchema, updateRoomSchema } from "@/lib/studios/schemas";
import { pick, refused } from "../../form-input";
import { appNow } from "@/lib/clock";

const gate = (form: FormData) =>
  requireActionMember({ workspace: form.get("workspace"), permission: "studios.manage" });
const done = (slug: string, message: string): ActionState => {
  revalidatePath(`/w/${slug}`, "layout");
  return { status: "ok", message };
};
const ROOM_FIELDS = [
  "roomId",
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
];

export async function updateRoomAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const parsed = updateRoomSchema(
    await studioCurrency(getDb(), member.value.workspaceId, { roomId: form.get("roomId") }),
  ).safeParse(pick(form, ROOM_FIELDS));
  if (!parsed.success) return invalid(form, parsed.error);
  const file = form.get("photo");
  const photo = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  const result = await saveRoomDetails(
    getDb(),
    configuredPhotoStorage(),
    member.value,
    { ...parsed.data, photo },
    appNow(),
  );
  if (!result.ok) return refused(form, result, "The room was not saved.");
  const added = result.value.photoId ? " The photo was added." : "";
  return done(member.value.workspaceSlug, `Room saved. Bookings already made keep their times and prices.${added}`);
}

export async function removeRoomPhotoAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const result = await removeRoomPhoto(
    getDb(),
    configuredPhotoStorage(),
    member.value,
    { photoId: String(form.get("photoId") ?? "") },
    appNow(),
  );
  if (!result.ok) return refused(form, result, "The photo was not removed.");
  return done(member.value.workspaceSlug, "Photo removed.");
}

export async function addRoomBlockAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const parsed = roomBlockSchema.safeParse(pick(form, ["roomId", "startsAt", "endsAt", "reason"]));
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await addRoomBlock(getDb(), member.value, parsed.data, appNow());
  if (!result.ok) return refused(form, result, "The block was not added.");
  const n = result.value.overlappingBookings;
  const warning =
    n === 0
      ? ""
      : ` ${n} ${n === 1 ? "booking overlaps" : "bookings overlap"} it: move or cancel ${n === 1 ? "it" : "them"} from Bookings.`;
  return done(member.value.workspaceSlug, `Maintenance block added.${warning}`);
}

export async function removeRoomBlockAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const result = await removeRoomBlock(getDb(), member.value, { blockId: String(form.get("blockId") ?? "") }, appNow());
  if (!result.ok) return refused(form, result, "The block was not removed.");
  return done(member.value.workspaceSlug, "Maintenance block removed.");
}

export async function addPricingRuleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const parsed = pricingRuleSchema(
    await studioCurrency(getDb(), member.value.workspaceId, { roomId: form.get("roomId") }),
  ).safeParse(pick(form, ["roomId", "name", "weekday", "startsAt", "endsAt", "priceKind", "price"]));
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await addPricingRule(getDb(), member.value, parsed.data, appNow());
  if (!result.ok) return refused(form, result, "The peak rule was not added.");
  return done(member.value.workspaceSlug, `Peak rule “${parsed.data.name}” added.`);
}

export async function removePricingRuleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const result = await removePricingRule(getDb(), member.value, { ruleId: String(form.get("ruleId") ?? "") }, appNow());
  if (!result.ok) return refused(form, result, "The peak rule was not removed.");
  return done(member.value.workspaceSlug, "Peak rule removed.");
}
