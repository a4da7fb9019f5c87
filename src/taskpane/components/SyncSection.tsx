/**
 * The officer's "Sync to SharePoint" section: the sync panel for this return, blocked (with the reason) until the
 * return is approved, and the return read again once its figures are in the lists.
 */
import * as React from "react";
import { effectiveStatus } from "../../core/lifecycle";
import type { Return, ReturnStatus } from "../../core/types";
import type { ReturnCheck, ReturnsHost } from "../host";
import { Section } from "./Section";
import { SyncPanel } from "./SyncPanel";

export interface SyncSectionProps {
  host: ReturnsHost;
  ret: Return;
  onCheck(check: ReturnCheck): void;
}

const syncable: readonly ReturnStatus[] = ["approved", "synced"];

export const SyncSection: React.FC<SyncSectionProps> = ({ host, ret, onCheck }) => (
  <Section title="Sync to SharePoint">
    <SyncPanel
      what={`${ret.provider}'s ${ret.period} return`}
      blockedBecause={
        // A void approval (figures changed since) reads as validated, so its sync stays blocked.
        syncable.includes(effectiveStatus(ret))
          ? null
          : "Approve the return first: only approved figures are synced."
      }
      preview={() => host.previewSync()}
      sync={(progress) => host.syncReturn(progress)}
      onSynced={() => void host.checkReturn().then(onCheck, () => undefined)}
    />
  </Section>
);
