// The two answers an operator gives a verification, by CHeKT's names (VerificationAction in
// lib/chekt/schema.d.ts): what the answer form sends, what the desk stores until CHeKT confirms it,
// and the kind of each outcome code. Plain values: the browser's schemas read them too.
import type { components } from "@/lib/chekt/schema";

export type AnswerAction = components["schemas"]["VerificationAction"];

export const ANSWER_ACTIONS = ["dispatch", "disregard"] as const satisfies readonly AnswerAction[];
