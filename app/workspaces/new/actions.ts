"use server";
import { userAction } from "@/app/_lib/actions";
import { createWorkspaceSchema } from "@/lib/workspaces/schemas";
import { createWorkspace } from "@/lib/workspaces/workspaces";

export const createWorkspaceAction = userAction({
  fields: ["name", "slug", "currency"],
  schema: createWorkspaceSchema,
  run: ({ db, gate, input }) => createWorkspace(db, gate.id, input),
  refused: { fields: "We could not create the workspace.", fallback: "We could not create the workspace." },
  done: (workspace) => ({ redirect: `/w/${workspace.slug}` }),
});
