"use server";
import { revalidatePath } from "next/cache";
import { requireActionMember } from "@/lib/auth/require-member";
import { ensureForm, failed, type ActionState } from "@/lib/action-state";
import { createFeed, revokeFeed } from "@/lib/calendar/feeds";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { appNow } from "@/lib/clock";

export async function createFeedAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.view" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const studioId = String(form.get("studioId") ?? "");
  const result = await createFeed(getDb(), gate.value, { studioId: studioId || undefined });
  if (!result.ok) return failed(form, "You cannot make a feed of that calendar.");
  revalidatePath(`/w/${gate.value.workspaceSlug}/settings/calendar`);
  return {
    status: "ok",
    message: "Feed created. Copy its address now: it will not be shown again.",
    data: { url: `${getEnv().APP_URL}/api/calendar/${result.value.token}.ics` },
  };
}

export async function revokeFeedAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  form = ensureForm(form);
  const gate = await requireActionMember({ workspace: form.get("workspace"), permission: "bookings.view" });
  if (!gate.ok) return failed(form, gate.message ?? "Not found.");
  const result = await revokeFeed(getDb(), gate.value, String(form.get("feedId") ?? ""), appNow());
  if (!result.ok) return failed(form, "That feed does not exist or was already revoked.");
  revalidatePath(`/w/${gate.value.workspaceSlug}/settings/calendar`);
  return { status: "ok", message: "Feed revoked: calendars using its address stop updating." };
}
