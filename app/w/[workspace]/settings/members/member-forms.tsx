"use client";
import { useActionState, useEffect, useState } from "react";
import { Field, FieldError, FormMessage, SubmitButton, toastingAction } from "@/components/form";
import { Button } from "@/components/ui/button";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toaster";
import { idle, type ActionState } from "@/lib/action-state";
import { isBrandScoped, isStudioScoped } from "@/lib/auth/permissions";
import { changeRoleAction, inviteAction, removeMemberAction, revokeInvitationAction } from "./actions";

type Choices = { roles: string[]; studios: { id: string; name: string }[]; brands: { id: string; name: string }[] };

function useToast(state: ActionState) {
  useEffect(() => {
    if (state.status === "ok" && state.message) toast.success(state.message);
  }, [state]);
}

/** Role plus what the role needs: studios for staff, a brand company for brand members. */
function RoleFields({
  choices,
  state,
  idPrefix,
  initialRole,
  initialStudios = [],
  initialBrand = "",
  allowNewBrand,
}: {
  choices: Choices;
  state: ActionState;
  idPrefix: string;
  initialRole: string;
  initialStudios?: string[];
  initialBrand?: string;
  allowNewBrand: boolean;
}) {
  const [role, setRole] = useState(state.values?.role ?? initialRole);
  const chosen = new Set(state.values?.studioIds?.split(",") ?? initialStudios);
  return (
    <>
      <div className="grid gap-2">
        <Label htmlFor={`${idPrefix}-role`}>Role</Label>
        <NativeSelect id={`${idPrefix}-role`} name="role" value={role} onChange={(e) => setRole(e.target.value)}>
          {choices.roles.map((r) => (
            <option key={r} value={r}>
              {r[0].toUpperCase() + r.slice(1)}
            </option>
          ))}
        </NativeSelect>
        <FieldError name="role" state={state} />
      </div>
      {isStudioScoped(role) ? (
        <fieldset className="grid gap-2">
          <legend className="mb-1 text-sm font-medium">Studios they work in</legend>
          {choices.studios.map((s) => (
            <label key={s.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="studioIds"
                value={s.id}
                defaultChecked={chosen.has(s.id)}
                className="size-4"
              />
              {s.name}
            </label>
          ))}
          <FieldError name="studioIds" state={state} />
        </fieldset>
      ) : null}
      {isBrandScoped(role) ? (
        <div className="grid gap-2">
          <Label htmlFor={`${idPrefix}-brand`}>Brand company</Label>
          <NativeSelect id={`${idPrefix}-brand`} name="brandId" defaultValue={state.values?.brandId ?? initialBrand}>
            <option value="">{allowNewBrand ? "A new brand (name it below)" : "Choose…"}</option>
            {choices.brands.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </NativeSelect>
          <FieldError name="brandId" state={state} />
          {allowNewBrand ? (
            <>
              <Label htmlFor={`${idPrefix}-newBrandName`}>New brand name</Label>
              <Input id={`${idPrefix}-newBrandName`} name="newBrandName" defaultValue={state.values?.newBrandName} />
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

export function InviteForm({ workspace, choices }: { workspace: string; choices: Choices }) {
  const [state, action] = useActionState(inviteAction, idle);
  useToast(state);
  return (
    <form action={action} className="grid gap-4" noValidate key={state.status === "ok" ? state.message : "form"}>
      <input type="hidden" name="workspace" value={workspace} />
      {state.status === "error" ? <FormMessage state={state} /> : null}
      <Field name="email" label="Email" type="email" autoComplete="off" required state={state} />
      <RoleFields choices={choices} state={state} idPrefix="invite" initialRole="creator" allowNewBrand />
      <SubmitButton className="justify-self-start" pendingText="Sending…">
        Send invitation
      </SubmitButton>
    </form>
  );
}

export function MemberRoleForm({
  workspace,
  membershipId,
  role,
  studioIds,
  brandId,
  choices,
  label,
}: {
  workspace: string;
  membershipId: string;
  role: string;
  studioIds: string[];
  brandId: string | null;
  choices: Choices;
  label: string;
}) {
  const [state, action] = useActionState(changeRoleAction, idle);
  useToast(state);
  return (
    <details className="rounded-md border border-border p-3" open={state.status === "error"}>
      <summary className="cursor-pointer text-sm font-medium">Change role</summary>
      <form action={action} className="mt-3 grid gap-3" aria-label={`Change role of ${label}`}>
        <input type="hidden" name="workspace" value={workspace} />
        <input type="hidden" name="membershipId" value={membershipId} />
        {state.status === "error" ? <FormMessage state={state} /> : null}
        <RoleFields
          choices={choices}
          state={state}
          idPrefix={`m-${membershipId}`}
          initialRole={role}
          initialStudios={studioIds}
          initialBrand={brandId ?? ""}
          allowNewBrand={false}
        />
        <SubmitButton size="sm" variant="outline" className="justify-self-start" pendingText="Saving…">
          Save role
        </SubmitButton>
      </form>
    </details>
  );
}

const removeMemberAndTell = toastingAction(removeMemberAction);
const revokeInvitationAndTell = toastingAction(revokeInvitationAction);

export function RemoveButton({
  workspace,
  id,
  label,
  kind,
}: {
  workspace: string;
  id: string;
  label: string;
  kind: "member" | "invitation";
}) {
  const [, action] = useActionState(kind === "member" ? removeMemberAndTell : revokeInvitationAndTell, idle);
  const [confirming, setConfirming] = useState(false);
  const verb = kind === "member" ? "Remove" : "Revoke";
  if (!confirming) {
    return (
      <Button variant="outline" size="sm" onClick={() => setConfirming(true)} aria-label={`${verb} ${label}`}>
        {verb}
      </Button>
    );
  }
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="workspace" value={workspace} />
      <input type="hidden" name={kind === "member" ? "membershipId" : "invitationId"} value={id} />
      <SubmitButton
        variant="destructive"
        size="sm"
        pendingText="Working…"
        aria-label={`Confirm: ${verb.toLowerCase()} ${label}`}
      >
        Confirm
      </SubmitButton>
      <Button variant="ghost" size="sm" type="button" onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </form>
  );
}
