import { z } from "zod";
import { ROLES } from "@/lib/roles";

// Shared by the user forms and their actions.

/** bcrypt reads only the first 72 bytes; longer would silently ignore the rest. */
export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .refine((p) => Buffer.byteLength(p, "utf8") <= 72, "Use at most 72 bytes (bcrypt ignores the rest)");

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(254),
  name: z.string().trim().min(1, "Enter a name").max(120, "At most 120 characters"),
  role: z.enum(ROLES, { message: "Choose admin, operator or viewer" }),
  password: passwordSchema,
});

export const userIdSchema = z.object({ userId: z.string().min(1, "Choose a user") });
export const setRoleSchema = userIdSchema.extend({
  role: z.enum(ROLES, { message: "Choose admin, operator or viewer" }),
});
export const setDisabledSchema = userIdSchema.extend({ disabled: z.boolean() });

export const changeOwnPasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password"),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: "The two new passwords differ",
    path: ["confirmPassword"],
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    message: "Choose a password different from the current one",
    path: ["newPassword"],
  });
