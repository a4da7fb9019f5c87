/** Red / amber / green as a labelled badge: the word is always shown, so colour is never the only signal. */
import * as React from "react";
import { Badge } from "@fluentui/react-components";
import type { Rag } from "../../core/types";
import { ragTone } from "../tones";

export interface RagBadgeProps {
  rag: Rag | null;
}

const word: Record<Rag, string> = { green: "Green", amber: "Amber", red: "Red" };

export const RagBadge: React.FC<RagBadgeProps> = ({ rag }) =>
  rag ? (
    <Badge appearance="tint" color={ragTone[rag]} aria-label={`RAG: ${word[rag]}`}>
      {word[rag]}
    </Badge>
  ) : (
    <Badge appearance="outline" color="informative" aria-label="RAG: not rated">
      –
    </Badge>
  );
