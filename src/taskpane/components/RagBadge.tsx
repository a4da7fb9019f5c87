/** Red / amber / green as a badge that says its word ("Not rated" when there is no rating): never colour alone. */
import * as React from "react";
import { Badge } from "@fluentui/react-components";
import type { Rag } from "../../core/types";
import { ragTone } from "../tones";
import { VisuallyHidden } from "./VisuallyHidden";

export interface RagBadgeProps {
  rag: Rag | null;
}

const word: Record<Rag, string> = { green: "Green", amber: "Amber", red: "Red" };

export const RagBadge: React.FC<RagBadgeProps> = ({ rag }) =>
  rag ? (
    <Badge appearance="tint" color={ragTone[rag]}>
      <VisuallyHidden>RAG </VisuallyHidden>
      {word[rag]}
    </Badge>
  ) : (
    <Badge appearance="outline" color="informative">
      <VisuallyHidden>RAG: </VisuallyHidden>
      Not rated
    </Badge>
  );
