"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { ensureForm, failed, invalid, type ActionState } from "@/lib/action-state";
import { requireActionMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { studioCurrency } from "@/lib/studios/studio-currency";
import { createAddOn, setAddOnActive, updateAddOn } from "@/lib/studios/add-ons";
import { addClosure, removeClosure } from "@/lib/studios/closures";
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
import { updateStudio } from "@/lib/studios/studios";
import { openingHoursFromForm, pick, refused } from "../../form-input";
import { appNow } from "@/lib/clock";

const gate = (form: FormData) =>
  requireActionMember({ workspace: form.get("workspace"), permission: "studios.manage" });
const done = (slug: string, message: string): ActionState => {
  revalidatePath(`/w/${slug}`, "layout");
  return { status: "ok", message };
};
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
];
const ADD_ON_FIELDS = ["name", "pricing", "price"];

export async function updateStudioAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const parsed = updateStudioSchema.safeParse({
    ...pick(form, [
      "studioId",
      "name",
      "address",
      "timeZone",
      "currency",
      "taxMode",
      "taxSource",
      "taxRate",
      "taxName",
      ...TAX_ADDRESS_FIELDS,
    ]),
    openingHours: openingHoursFromForm(form),
  });
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await updateStudio(getDb(), member.value, parsed.data, appNow());
  if (!result.ok) return refused(form, result, "The studio was not saved.");
  return done(member.value.workspaceSlug, "Studio saved.");
}

export async function addClosureAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const parsed = closureSchema.safeParse(pick(form, ["studioId", "startsOn", "endsOn", "reason"]));
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await addClosure(getDb(), member.value, parsed.data, appNow());
  if (!result.ok) return refused(form, result, "The closure was not added.");
  return done(member.value.workspaceSlug, "Closure added. No new booking can start on those days.");
}

export async function removeClosureAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const result = await removeClosure(
    getDb(),
    member.value,
    { closureId: String(form.get("closureId") ?? "") },
    appNow(),
  );
  if (!result.ok) return refused(form, result, "The closure was not removed.");
  return done(member.value.workspaceSlug, "Closure removed.");
}

export async function createRoomAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const parsed = createRoomSchema(
    await studioCurrency(getDb(), member.value.workspaceId, { studioId: form.get("studioId") }),
  ).safeParse(pick(form, ROOM_FIELDS));
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await createRoom(getDb(), member.value, parsed.data, appNow());
  if (!result.ok) return refused(form, result, "The room was not added.");
  const slug = member.value.workspaceSlug;
  revalidatePath(`/w/${slug}`, "layout");
  redirect(`/w/${slug}/setup/rooms/${result.value.id}?added=1`);
}

export async function createAddOnAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const parsed = createAddOnSchema(
    await studioCurrency(getDb(), member.value.workspaceId, { studioId: form.get("studioId") }),
  ).safeParse(pick(form, ["studioId", ...ADD_ON_FIELDS]));
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await createAddOn(getDb(), member.value, parsed.data, appNow());
  if (!result.ok) return refused(form, result, "The add-on was not added.");
  return done(member.value.workspaceSlug, `${parsed.data.name} added.`);
}

export async function updateAddOnAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const parsed = updateAddOnSchema(
    await studioCurrency(getDb(), member.value.workspaceId, { addOnId: form.get("addOnId") }),
  ).safeParse(pick(form, ["addOnId", ...ADD_ON_FIELDS]));
  if (!parsed.success) return invalid(form, parsed.error);
  const result = await updateAddOn(getDb(), member.value, parsed.data, appNow());
  if (!result.ok) return refused(form, result, "The add-on was not saved.");
  return done(member.value.workspaceSlug, `${parsed.data.name} saved.`);
}

export async function setAddOnActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const member = await gate(form);
  if (!member.ok) return failed(form, member.message ?? "Not found.");
  const parsed = addOnActiveSchema.safeParse(pick(form, ["addOnId", "active"]));
  if (!parsed.success) return failed(form, "That add-on does not exist.");
  const result = await setAddOnActive(getDb(), member.value, parsed.data, appNow());
  if (!result.ok) return refused(form, result, "The add-on was not changed.");
  return done(
    member.value.workspaceSlug,
    parsed.data.active ? `${result.value.name} is offered again.` : `${result.value.name} is no longer offered.`,
  );
}
