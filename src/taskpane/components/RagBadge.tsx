/** Red / amber / green as a labelled badge: the word is always shown, so colour is never the only signal. */
import * as React from "react";
import { Badge } from "@fluentui/react-components";
import type { Rag } from "../../core/types";

export interface RagBadgeProps {
  rag: Rag | null;
}

const look: Record<Rag, { color: "success" | "warning" | "danger"; text: string }> = {
  green: { color: "success", text: "Green" },
  amber: { color: "warning", text: "Amber" },
  red: { color: "danger", text: "Red" },
};

export const RagBadge: React.FC<RagBadgeProps> = ({ rag }) =>
  rag ? (
    <Badge appearance="tint" color={look[rag].color} aria-label={`RAG: ${look[rag].text}`}>
      {look[rag].text}
    </Badge>
  ) : (
    <Badge appearance="outline" color="informative" aria-label="RAG: not rated">
      –
    </Badge>
  );
