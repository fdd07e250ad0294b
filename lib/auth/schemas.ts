import { z } from "zod";
import { str } from "../input";

export const emailSchema = str({ error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address" }).max(254, "That email address is too long"));

export const passwordSchema = str({ error: "Enter a password" })
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const signInSchema = z.object({
  email: emailSchema,
  password: str().min(1, "Enter your password").max(200),
});

export const signUpSchema = z.object({
  name: str().trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
  email: emailSchema,
  password: passwordSchema,
});

export const magicLinkSchema = z.object({ email: emailSchema });

export const resetRequestSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({
  token: str().min(10, "This reset link is not valid").max(200),
  password: passwordSchema,
});

export const changePasswordSchema = z.object({
  currentPassword: str().max(200),
  newPassword: passwordSchema,
});

export const profileSchema = z.object({
  name: str().trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
});
