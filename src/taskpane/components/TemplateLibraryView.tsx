/**
 * The template library, for officers: every template with its versions and their status (built in, or from the
 * site's KPI Templates list, or this computer's copy of it), and a new return issued from any published version.
 * Loaded only when the library is opened under the New view. Authoring stays in the template workbook, in Excel.
 */
import * as React from "react";
import { useEffect, useState } from "react";
import { Field, Input, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { NewReturnOutcome, ReturnsHost, TemplateLibrary, TemplateLibraryEntry } from "../host";
import { useHostAction } from "../use-host-action";
import { Notice } from "./Notice";
import { PeriodField, PeriodForm, periodProblem } from "./PeriodForm";
import { PrimaryAction } from "./PrimaryAction";

export interface TemplateLibraryViewProps {
  host: ReturnsHost;
  defaultPeriod: string;
  onCreated?(outcome: NewReturnOutcome): void;
}

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    paddingInlineStart: 0,
    margin: 0,
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
  },
  // At 320 px a long title wraps, and never widens the pane.
  item: { minWidth: 0, overflowWrap: "anywhere" },
  versions: { color: tokens.colorNeutralForeground2 },
  select: { width: "100%", minWidth: 0 },
});

const key = (e: TemplateLibraryEntry): string => `${e.id}@${e.version}`;
const issuable = (e: TemplateLibraryEntry): boolean => e.status === "Published" || e.status === "Built-in";

export const TemplateLibraryView: React.FC<TemplateLibraryViewProps> = ({
  host,
  defaultPeriod,
  onCreated,
}) => {
  const styles = useStyles();
  const load = useHostAction();
  const action = useHostAction();
  const [library, setLibrary] = useState<TemplateLibrary | null>(null);
  const [chosen, setChosen] = useState("");
  const [provider, setProvider] = useState("");
  const [period, setPeriod] = useState(defaultPeriod);
  const [tried, setTried] = useState(false);
  const [created, setCreated] = useState<NewReturnOutcome | null>(null);

  useEffect(() => {
    if (!host.templateLibrary) return;
    const read = host.templateLibrary.bind(host);
    void load.runAndUse(
      "Reading the template library…",
      read,
      "Close the template library and open it again to retry.",
      (l) => {
        setLibrary(l);
        setChosen(
          (c) => c || (l.entries.find(issuable) ? key(l.entries.find(issuable) as TemplateLibraryEntry) : ""),
        );
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the view opens
  }, [host]);

  const byId = new Map<string, TemplateLibraryEntry[]>();
  for (const e of library?.entries ?? []) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
  const providerProblem =
    provider.trim() === "" ? "Name the provider, as it appears in its funding agreement." : null;

  const issue = async (): Promise<void> => {
    setTried(true);
    setCreated(null);
    const entry = library?.entries.find((e) => key(e) === chosen);
    if (!entry || providerProblem || periodProblem(period)) return;
    await action.runAndUse(
      "Issuing the return…",
      () =>
        host.createReturn({
          templateId: entry.id,
          templateVersion: entry.version,
          provider: provider.trim(),
          period: period.trim(),
        }),
      "Open a new, blank workbook, then choose Issue return again.",
      (outcome) => {
        setCreated(outcome);
        onCreated?.(outcome);
      },
    );
  };

  return (
    <section aria-label="Template library">
      {load.busy && <Notice intent="info">Reading the template library…</Notice>}
      {load.error && <Notice intent="warning">{load.error}</Notice>}
      {library?.notice && <Notice intent="warning">{library.notice}</Notice>}
      {library && (
        <ul className={styles.list} aria-label="Templates and their versions">
          {[...byId.entries()].map(([id, versions]) => (
            <li key={id} className={styles.item}>
              <Text weight="semibold">{versions[versions.length - 1].title}</Text>{" "}
              <Text size={200}>({versions[versions.length - 1].serviceArea})</Text>
              <br />
              <Text size={200} className={styles.versions}>
                {versions
                  .map(
                    (v) =>
                      `${v.version} ${v.status === "Built-in" ? "built in" : v.status.toLowerCase()}${v.publishedBy ? ` by ${v.publishedBy}` : ""}`,
                  )
                  .join(" · ")}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {library && (
        <PeriodForm label="Issue a return from a published template" onSubmit={() => void issue()}>
          <Field label="Template version" required>
            <Select className={styles.select} value={chosen} onChange={(_, d) => setChosen(d.value)}>
              {library.entries.filter(issuable).map((e) => (
                <option key={key(e)} value={key(e)}>
                  {e.title} {e.version}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label="Provider"
            required
            validationState={tried && providerProblem ? "error" : "none"}
            validationMessage={tried ? (providerProblem ?? undefined) : undefined}
          >
            <Input value={provider} onChange={(_, d) => setProvider(d.value)} />
          </Field>
          <PeriodField
            value={period}
            onChange={setPeriod}
            hint="A financial-year quarter, e.g. 2022-23 Q2"
            tried={tried}
          />
          <PrimaryAction label="Issue return" type="submit" busy={action.busy} error={action.error} />
          {created && (
            <Notice intent="success" title="Return issued">
              Written to the sheet “{created.sheet}”.
            </Notice>
          )}
        </PeriodForm>
      )}
    </section>
  );
};

export default TemplateLibraryView;
