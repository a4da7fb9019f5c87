/** The template's guidance for each KPI: what to count and how, as providers see it in the sheet's input prompts. */
import * as React from "react";
import { Caption1, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { KpiDefinition, Unit } from "../../core/types";

export interface KpiGuidanceProps {
  kpis: readonly KpiDefinition[];
}

const unitText: Record<Unit, string> = {
  count: "a whole number",
  percent: "a percentage",
  currency: "pounds",
  number: "a number",
  days: "days",
};

const useStyles = makeStyles({
  list: { margin: 0 },
  term: { marginBlockStart: tokens.spacingVerticalS },
  detail: { marginInlineStart: 0, color: tokens.colorNeutralForeground2 },
});

export const KpiGuidance: React.FC<KpiGuidanceProps> = ({ kpis }) => {
  const styles = useStyles();
  return (
    <dl className={styles.list} aria-label="Guidance for each KPI">
      {kpis.map((k) => (
        <React.Fragment key={k.id}>
          <dt className={styles.term}>
            <Text weight="semibold">{k.label}</Text>{" "}
            <Caption1>
              ({unitText[k.unit]}
              {k.required ? ", required" : ", optional"}
              {k.targetBasis === "annual" ? ", annual target" : ""})
            </Caption1>
          </dt>
          <dd className={styles.detail}>
            <Text>{k.guidance}</Text>
          </dd>
        </React.Fragment>
      ))}
    </dl>
  );
};
