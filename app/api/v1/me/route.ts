import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";

/** The user, workspace and role behind the presented token. */
export const GET = apiRoute("workspace.view", async ({ member }) =>
  json({
    user: { id: member.userId, email: member.email, name: member.name },
    workspace: {
      id: member.workspaceId,
      slug: member.workspaceSlug,
      name: member.workspaceName,
      currency: member.currency,
    },
    role: member.role,
    studioIds: member.role === "staff" ? member.studioIds : undefined,
    brandId: member.role === "brand" ? member.brandId : undefined,
  }),
);

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
