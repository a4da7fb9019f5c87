/** The template library's templates, each with its versions and their status (and who published each). */
import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { TemplateLibraryEntry } from "../host";
import { versionWords } from "../plain-words";
import { StackedList } from "./StackedList";

export interface TemplateListProps {
  entries: readonly TemplateLibraryEntry[];
}

const useStyles = makeStyles({
  // At 320 px a long title wraps, and never widens the pane.
  item: { minWidth: 0, overflowWrap: "anywhere" },
  versions: { color: tokens.colorNeutralForeground2 },
});

function versionText(v: TemplateLibraryEntry): string {
  const status = v.status === "Built-in" ? "built in" : v.status.toLowerCase();
  return `${versionWords(v.version)} ${status}${v.publishedBy ? ` by ${v.publishedBy}` : ""}`;
}

export const TemplateList: React.FC<TemplateListProps> = ({ entries }) => {
  const styles = useStyles();
  if (entries.length === 0)
    return <Text as="p">The library holds no templates yet. Publish one from its template workbook.</Text>;
  const byId = new Map<string, TemplateLibraryEntry[]>();
  for (const e of entries) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
  return (
    <StackedList label="Templates and their versions">
      {[...byId.entries()].map(([id, versions]) => (
        <li key={id} className={styles.item}>
          <Text weight="semibold">{versions[versions.length - 1].title}</Text>{" "}
          <Text size={200}>({versions[versions.length - 1].serviceArea})</Text>
          <br />
          <Text size={200} className={styles.versions}>
            {versions.map(versionText).join(" · ")}
          </Text>
        </li>
      ))}
    </StackedList>
  );
};
