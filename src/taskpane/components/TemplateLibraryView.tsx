/**
 * The template library, for officers: every template with its versions and their status (built in, or from the
 * site's KPI Templates list, or this computer's copy of it), and a new return issued from any published version.
 * Loaded only when the library is opened under the New view. Authoring stays in the template workbook, in Excel.
 */
import * as React from "react";
import { useEffect, useState } from "react";
import type { NewReturnOutcome, ReturnsHost, TemplateLibrary } from "../host";
import { useHostAction } from "../use-host-action";
import { IssueReturnForm } from "./IssueReturnForm";
import { Loading } from "./Loading";
import { Notice } from "./Notice";
import { TemplateList } from "./TemplateList";

export interface TemplateLibraryViewProps {
  host: ReturnsHost;
  defaultPeriod: string;
  onCreated?(outcome: NewReturnOutcome): void;
}

export const TemplateLibraryView: React.FC<TemplateLibraryViewProps> = ({
  host,
  defaultPeriod,
  onCreated,
}) => {
  const load = useHostAction();
  const [library, setLibrary] = useState<TemplateLibrary | null>(null);

  useEffect(() => {
    if (!host.templateLibrary) return;
    const read = host.templateLibrary.bind(host);
    void load.runAndUse(
      "Reading the template library…",
      read,
      "Close the template library and open it again to retry.",
      setLibrary,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the view opens
  }, [host]);

  return (
    <section aria-label="Template library">
      {load.busy && <Loading label={load.busy} />}
      {load.error && <Notice intent="warning">{load.error}</Notice>}
      {library?.notice && <Notice intent="warning">{library.notice}</Notice>}
      {library && <TemplateList entries={library.entries} />}
      {library && (
        <IssueReturnForm host={host} library={library} defaultPeriod={defaultPeriod} onCreated={onCreated} />
      )}
    </section>
  );
};

export default TemplateLibraryView;
