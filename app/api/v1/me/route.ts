import { apiRoute, json, methodNotAllowed } from "@/lib/api/handler";
import { isBrandScoped, isStudioScoped } from "@/lib/auth/permissions";

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
    studioIds: isStudioScoped(member.role) ? member.studioIds : undefined,
    brandId: isBrandScoped(member.role) ? member.brandId : undefined,
  }),
);

export const POST = methodNotAllowed(["GET"]);
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
