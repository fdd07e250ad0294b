"use server";
import { memberAction } from "@/app/_lib/actions";
import { createApiToken, createTokenSchema, revokeApiToken } from "@/lib/auth/api-tokens";
import { ok } from "@/lib/result";

export const createTokenAction = memberAction("tokens.manage", {
  fields: ["name"],
  schema: createTokenSchema,
  run: async ({ db, gate, input }) => ok(await createApiToken(db, gate, input)),
  done: (token, { gate }) => ({
    message: `Token “${token.name}” created.`,
    data: { secret: token.secret },
    revalidate: [`/w/${gate.workspaceSlug}/settings/tokens`],
  }),
});

export const revokeTokenAction = memberAction("tokens.manage", {
  fields: { tokenId: "string" },
  run: ({ db, gate, input, now }) => revokeApiToken(db, gate, input.tokenId, now),
  refused: { not_found: "That token does not exist or was already revoked." },
  done: (_, { gate }) => ({
    message: "Token revoked. Requests using it now get 401.",
    revalidate: [`/w/${gate.workspaceSlug}/settings/tokens`],
  }),
});
