/** Holds one reference to Fluent's focus manager while it is mounted (why: focus-manager.tsx). Draws nothing. */
import { useFocusFinders } from "@fluentui/react-components";

export default function FocusManagerHold(): null {
  useFocusFinders();
  return null;
}
