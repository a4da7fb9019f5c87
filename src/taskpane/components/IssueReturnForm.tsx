/**
 * Issue a new return from a published (or built-in) template version: the version, the provider and the period, each
 * checked before anything is written; the sheet written is named when it is done.
 */
import * as React from "react";
import { useState } from "react";
import { Field, Select, Text, makeStyles } from "@fluentui/react-components";
import type { TemplateLibrary, TemplateLibraryEntry } from "../host";
import { versionWords } from "../plain-words";
import { Notice } from "./Notice";
import { ProviderAndPeriodFields, useNewReturnForm, type NewReturnFormProps } from "./NewReturnFields";
import { PeriodForm } from "./PeriodForm";
import { PrimaryAction } from "./PrimaryAction";

export interface IssueReturnFormProps extends NewReturnFormProps {
  library: TemplateLibrary;
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
  const form = useNewReturnForm(host, defaultPeriod, onCreated);
  const choices = library.entries.filter(issuable);
  const [chosen, setChosen] = useState(() => (choices[0] ? entryKey(choices[0]) : ""));

  const issue = (): Promise<void> =>
    form.submit(
      "Issuing the return…",
      "Open a new, blank workbook, then choose Issue return again.",
      (typed) => {
        const entry = library.entries.find((e) => entryKey(e) === chosen);
        return entry ? { templateId: entry.id, templateVersion: entry.version, ...typed } : null;
      },
    );

  if (choices.length === 0)
    return (
      <Text as="p">No template version is published yet, so there is nothing to issue a return from.</Text>
    );
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
      <ProviderAndPeriodFields form={form} />
      <PrimaryAction label="Issue return" type="submit" busy={form.action.busy} error={form.action.error} />
      {form.created && (
        <Notice intent="success" title="Return issued">
          Written to the sheet “{form.created.sheet}”.
        </Notice>
      )}
    </PeriodForm>
  );
};
