/** A message strip: errors (with their next step), warnings and confirmations, announced to screen readers. */
import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";

export interface NoticeProps {
  intent: "error" | "warning" | "success" | "info";
  title?: string;
  children: React.ReactNode;
}

export const Notice: React.FC<NoticeProps> = ({ intent, title, children }) => (
  <MessageBar intent={intent} layout="multiline" role={intent === "error" ? "alert" : "status"}>
    <MessageBarBody>
      {title && <MessageBarTitle>{title}</MessageBarTitle>}
      {children}
    </MessageBarBody>
  </MessageBar>
);
