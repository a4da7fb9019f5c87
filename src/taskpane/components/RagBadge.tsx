/** Red / amber / green as a badge that says its word ("Not rated" when there is no rating): never colour alone. */
import * as React from "react";
import { Badge, makeStyles } from "@fluentui/react-components";
import type { Rag } from "../../core/types";
import { ragTone } from "../tones";
import { VisuallyHidden } from "./VisuallyHidden";

export interface RagBadgeProps {
  rag: Rag | null;
}

const word: Record<Rag, string> = { green: "Green", amber: "Amber", red: "Red" };

// Beside a long KPI name at 270 px the badge keeps its one line; the name wraps instead.
const useStyles = makeStyles({ badge: { flexShrink: 0, whiteSpace: "nowrap" } });

export const RagBadge: React.FC<RagBadgeProps> = ({ rag }) => {
  const styles = useStyles();
  return rag ? (
    <Badge className={styles.badge} appearance="tint" color={ragTone[rag]}>
      <VisuallyHidden>RAG </VisuallyHidden>
      {word[rag]}
    </Badge>
  ) : (
    <Badge className={styles.badge} appearance="outline" color="informative">
      <VisuallyHidden>RAG: </VisuallyHidden>
      Not rated
    </Badge>
  );
};
