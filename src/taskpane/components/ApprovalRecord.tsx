/**
 * What has been decided on a return, as the officer reads it above the approval controls: who approved it and when
 * (with their comment), or, while it is with the provider, the reasons sent back.
 */
import * as React from "react";
import { Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Return } from "../../core/types";
import { whenText } from "../figures-text";

export interface ApprovalRecordProps {
  ret: Return;
  /** The approval stands (it is not void, and the return is approved or synced). */
  approved: boolean;
}

const useStyles = makeStyles({
  reasons: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export const ApprovalRecord: React.FC<ApprovalRecordProps> = ({ ret, approved }) => {
  const styles = useStyles();
  return (
    <>
      {approved && ret.approval && (
        <Text>
          Approved by {ret.approval.by} on {whenText(ret.approval.at)}
          {ret.approval.comment ? `: “${ret.approval.comment}”` : "."}
          {ret.status === "synced" ? " Synced to SharePoint." : ""}
        </Text>
      )}
      {ret.status === "returned" && (
        <>
          <Text weight="semibold">Reasons sent to the provider</Text>
          {(ret.returnedReasons?.length ?? 0) > 0 ? (
            <ul className={styles.reasons}>
              {ret.returnedReasons?.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            <Text>None were recorded.</Text>
          )}
        </>
      )}
    </>
  );
};
