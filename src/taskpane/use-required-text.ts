/**
 * A reason the user must write before acting (an override, a return to the provider): its "write it first" message
 * shows only once they have tried to act without one.
 */
import { useState } from "react";

export interface RequiredText {
  readonly text: string;
  /** Props for the Field around the input. */
  readonly field: { validationState: "error" | "none"; validationMessage?: string };
  /** Props for the Textarea or Input. */
  readonly input: { value: string; onChange: (_: unknown, data: { value: string }) => void };
  /** Records an attempt to act: the trimmed text, or null when there is none yet. */
  attempt(): string | null;
}

export function useRequiredText(missingMessage: string): RequiredText {
  const [text, setText] = useState("");
  const [tried, setTried] = useState(false);
  const missing = tried && text.trim() === "";
  return {
    text,
    field: missing
      ? { validationState: "error", validationMessage: missingMessage }
      : { validationState: "none" },
    input: { value: text, onChange: (_, data) => setText(data.value) },
    attempt() {
      setTried(true);
      return text.trim() === "" ? null : text.trim();
    },
  };
}
