/**
 * The confirmation before a binding step (approve, return, override, withdraw, reopen, sync): an alert dialog naming
 * what will happen, with the step's own verb on the confirming button. Loaded on demand (see use-confirm.tsx).
 */
import * as React from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
} from "@fluentui/react-components";

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, in words. */
  children: React.ReactNode;
  /** The confirming button's label: the step itself ("Approve"), never "OK". */
  confirm: string;
  onConfirm(): void;
  onCancel(): void;
}

const useStyles = makeStyles({
  // A task pane is narrow: the dialog keeps inside it, and its buttons stack when they must.
  surface: { maxWidth: "calc(100vw - 24px)", boxSizing: "border-box", padding: tokens.spacingHorizontalL },
  content: { overflowWrap: "anywhere" },
  actions: { flexWrap: "wrap", rowGap: tokens.spacingVerticalS },
});

const ConfirmDialog: React.FC<ConfirmDialogProps> = ({ title, children, confirm, onConfirm, onCancel }) => {
  const styles = useStyles();
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => (d.open ? undefined : onCancel())}>
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>{children}</DialogContent>
          <DialogActions className={styles.actions}>
            <Button appearance="primary" onClick={onConfirm}>
              {confirm}
            </Button>
            <Button onClick={onCancel}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
};

export default ConfirmDialog;
