/**
 * Start a provider's return from a template: choose the template, name the provider and period. When signed in,
 * targets and prior figures come from the SharePoint lists.
 */
import * as React from "react";
import { useState } from "react";
import { Field, Select, Text, makeStyles } from "@fluentui/react-components";
import type { Account } from "../host";
import { Notice } from "./Notice";
import { ProviderAndPeriodFields, useNewReturnForm, type NewReturnFormProps } from "./NewReturnFields";
import { PeriodForm } from "./PeriodForm";
import { PrimaryAction } from "./PrimaryAction";

export interface NewReturnViewProps extends NewReturnFormProps {
  account: Account;
}

const useStyles = makeStyles({
  // Long template titles must not widen a narrow pane: the select keeps to the pane's width.
  select: { width: "100%", minWidth: 0 },
  choice: { minWidth: 0, textOverflow: "ellipsis" },
});

export const NewReturnView: React.FC<NewReturnViewProps> = ({ host, account, defaultPeriod, onCreated }) => {
  const styles = useStyles();
  const form = useNewReturnForm(host, defaultPeriod, onCreated);
  const templates = host.templates();
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");

  const create = (): Promise<void> =>
    form.submit(
      "Creating the return…",
      "Close any cell you are editing, then choose Create again.",
      (typed) => (templateId ? { templateId, ...typed } : null),
    );

  const signedIn = account.mode === "emulator" || account.signedInAs !== null;
  if (templates.length === 0)
    return (
      <Notice intent="warning" title="No templates to start from">
        This copy of KPI Returns has no KPI templates. Ask whoever installed it for your organisation to add
        them.
      </Notice>
    );
  return (
    <PeriodForm label="New return" onSubmit={() => void create()}>
      <Field label="Template" required>
        <Select
          className={styles.select}
          select={{ className: styles.choice }}
          value={templateId}
          onChange={(_, d) => setTemplateId(d.value)}
        >
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title} ({t.serviceArea})
            </option>
          ))}
        </Select>
      </Field>
      <ProviderAndPeriodFields form={form} />
      <Text>
        {signedIn
          ? "Targets and last quarter's and last year's figures will be filled in from the SharePoint lists where they exist."
          : "Sign in to fill in targets and prior figures from the SharePoint lists; otherwise they are left for you to type."}
      </Text>
      <PrimaryAction label="Create return" type="submit" busy={form.action.busy} error={form.action.error} />
      {form.created && (
        <Notice intent="success" title="Return created">
          Written to the sheet “{form.created.sheet}”
          {form.created.prefilled > 0
            ? `, with ${form.created.prefilled} targets and prior figures from the lists.`
            : ". No prior figures were found in the lists: type the targets into the sheet."}
        </Notice>
      )}
    </PeriodForm>
  );
};
