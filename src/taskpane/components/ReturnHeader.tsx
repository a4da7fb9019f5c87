/** Which return is open: provider, period, service and where it is in its lifecycle, in words. */
import * as React from "react";
import { Badge, Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { effectiveStatus } from "../../core/lifecycle";
import type { KpiTemplate, Return, ReturnStatus } from "../../core/types";

export interface ReturnHeaderProps {
  ret: Return | null;
  template: KpiTemplate | null;
}

const statusText: Record<ReturnStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  validated: "Validated",
  approved: "Approved",
  synced: "Synced",
  returned: "Returned to provider",
};

const statusColour: Record<ReturnStatus, "informative" | "brand" | "success" | "warning"> = {
  draft: "informative",
  submitted: "brand",
  validated: "brand",
  approved: "success",
  synced: "success",
  returned: "warning",
};

const useStyles = makeStyles({
  header: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
  },
  line: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  name: { margin: 0, overflowWrap: "anywhere" },
});

export const ReturnHeader: React.FC<ReturnHeaderProps> = ({ ret, template }) => {
  const styles = useStyles();
  if (!ret) return null;
  // Figures changed after approval void it: the badge says what they are now, not what was approved.
  const status = effectiveStatus(ret);
  return (
    <div className={styles.header}>
      <div className={styles.line}>
        <Subtitle2 as="h2" className={styles.name}>
          {ret.provider}
        </Subtitle2>
        <Badge appearance="filled" color={status !== ret.status ? "warning" : statusColour[status]}>
          {status !== ret.status ? "Approval void" : statusText[status]}
        </Badge>
      </div>
      <Caption1>
        {ret.period} · {template ? template.title : "a service whose template this add-in does not have"}
      </Caption1>
    </div>
  );
};
