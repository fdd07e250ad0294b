import { z } from "zod";
import { str } from "../input";
import { emailSchema } from "../auth/schemas";
import { isBrandScoped, isStudioScoped } from "../auth/permissions";
import { STUDIO_CURRENCIES } from "../money";

export const RESERVED_SLUGS = ["new", "api", "admin", "settings", "sign-in", "sign-up", "dev", "www", "app"];

export const slugSchema = str()
  .trim()
  .toLowerCase()
  .min(3, "Use at least 3 characters")
  .max(40, "Use at most 40 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Use lowercase letters, digits and dashes (not at the ends)")
  .refine((s) => !RESERVED_SLUGS.includes(s), "This address is reserved");

export const createWorkspaceSchema = z.object({
  name: str().trim().min(2, "Use at least 2 characters").max(80, "Use at most 80 characters"),
  slug: slugSchema,
  // The default currency of the workspace's new studios; each studio can then have its own.
  currency: z.enum(STUDIO_CURRENCIES, { error: "Choose a currency" }).default("USD"),
});

export const roleSchema = z.enum(["owner", "manager", "staff", "creator", "brand"], { error: "Choose a role" });

export const inviteSchema = z
  .object({
    email: emailSchema,
    role: roleSchema,
    studioIds: z
      .array(z.uuid({ error: "Unknown studio" }))
      .max(100)
      .default([]),
    brandId: z.uuid({ error: "Choose a brand" }).optional(),
    newBrandName: str().trim().max(80, "Use at most 80 characters").optional(),
  })
  .superRefine((v, ctx) => {
    if (isStudioScoped(v.role) && v.studioIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["studioIds"], message: "Choose at least one studio for staff" });
    }
    if (isBrandScoped(v.role) && !v.brandId && !v.newBrandName) {
      ctx.addIssue({ code: "custom", path: ["brandId"], message: "Choose the brand company, or name a new one" });
    }
  });
export type InviteInput = z.infer<typeof inviteSchema>;

export const changeRoleSchema = z.object({
  membershipId: z.uuid({ error: "Unknown member" }),
  role: roleSchema,
  studioIds: z.array(z.uuid()).max(100).default([]),
  brandId: z.uuid().optional(),
});
