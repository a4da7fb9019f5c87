/**
 * Issue a new return from a published (or built-in) template version: the version, the provider and the period, each
 * checked before anything is written; the sheet written is named when it is done.
 */
import * as React from "react";
import { useState } from "react";
import { Field, Select, Text, makeStyles } from "@fluentui/react-components";
import type { NewReturnOutcome, ReturnsHost, TemplateLibrary, TemplateLibraryEntry } from "../host";
import { versionWords } from "../plain-words";
import { useHostAction } from "../use-host-action";
import { Notice } from "./Notice";
import { PeriodField, PeriodForm, periodProblem, ProviderField } from "./PeriodForm";
import { PrimaryAction } from "./PrimaryAction";

export interface IssueReturnFormProps {
  host: ReturnsHost;
  library: TemplateLibrary;
  defaultPeriod: string;
  onCreated?(outcome: NewReturnOutcome): void;
}

const useStyles = makeStyles({
  select: { width: "100%", minWidth: 0 },
});

export const entryKey = (e: TemplateLibraryEntry): string => `${e.id}@${e.version}`;
export const issuable = (e: TemplateLibraryEntry): boolean =>
  e.status === "Published" || e.status === "Built-in";

export const IssueReturnForm: React.FC<IssueReturnFormProps> = ({
  host,
  library,
  defaultPeriod,
  onCreated,
}) => {
  const styles = useStyles();
  const action = useHostAction();
  const choices = library.entries.filter(issuable);
  const [chosen, setChosen] = useState(() => (choices[0] ? entryKey(choices[0]) : ""));
  const [provider, setProvider] = useState("");
  const [period, setPeriod] = useState(defaultPeriod);
  const [tried, setTried] = useState(false);
  const [created, setCreated] = useState<NewReturnOutcome | null>(null);
  const providerProblem =
    provider.trim() === "" ? "Name the provider, as it appears in its funding agreement." : null;

  const issue = async (): Promise<void> => {
    setTried(true);
    setCreated(null);
    const entry = library.entries.find((e) => entryKey(e) === chosen);
    if (!entry || providerProblem || periodProblem(period)) return;
    const request = {
      templateId: entry.id,
      templateVersion: entry.version,
      provider: provider.trim(),
      period: period.trim(),
    };
    await action.runAndUse(
      "Issuing the return…",
      () => host.createReturn(request),
      "Open a new, blank workbook, then choose Issue return again.",
      (outcome) => {
        setCreated(outcome);
        onCreated?.(outcome);
      },
    );
  };

  if (choices.length === 0)
    return <Text as="p">No template version is published yet, so there is nothing to issue a return from.</Text>;
  return (
    <PeriodForm label="Issue a return from a published template" onSubmit={() => void issue()}>
      <Field label="Template version" required>
        <Select className={styles.select} value={chosen} onChange={(_, d) => setChosen(d.value)}>
          {choices.map((e) => (
            <option key={entryKey(e)} value={entryKey(e)}>
              {e.title}, {versionWords(e.version)}
            </option>
          ))}
        </Select>
      </Field>
      <ProviderField value={provider} onChange={setProvider} problem={providerProblem} tried={tried} />
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
  );
};
