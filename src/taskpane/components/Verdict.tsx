/**
 * The verdict block at the top of the officer's view: the state in words, what blocks the next step, and the next
 * action. Its heading takes focus after a binding step (so focus never falls to the page), and says what changed.
 */
import * as React from "react";
import { Text, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import {
  CheckmarkCircleRegular,
  ErrorCircleRegular,
  InfoRegular,
  WarningRegular,
} from "@fluentui/react-icons";
import type { Tone } from "../tones";
import { useToneStyles } from "../tones";
import type { OfficerVerdict } from "../verdict";

export const VERDICT_ID = "verdict";

const useStyles = makeStyles({
  block: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    padding: tokens.spacingHorizontalS,
    borderInlineStartWidth: tokens.strokeWidthThicker,
    borderInlineStartStyle: "solid",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    "@media (forced-colors: active)": {
      borderInlineStartColor: "CanvasText",
      outline: `${tokens.strokeWidthThin} solid CanvasText`,
    },
  },
  icon: { flexShrink: 0, fontSize: "20px", marginBlockStart: "2px" },
  words: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, minWidth: 0 },
  state: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
});

const icons: Record<Tone, React.FC<{ className?: string }>> = {
  success: CheckmarkCircleRegular,
  danger: ErrorCircleRegular,
  warning: WarningRegular,
  informative: InfoRegular,
};

export const Verdict: React.FC<{ verdict: OfficerVerdict }> = ({ verdict }) => {
  const styles = useStyles();
  const tones = useToneStyles();
  const Icon = icons[verdict.tone];
  return (
    <section
      className={mergeClasses(styles.block, tones[`${verdict.tone}Border`])}
      aria-labelledby={VERDICT_ID}
    >
      <Icon className={mergeClasses(styles.icon, tones[`${verdict.tone}Text`])} aria-hidden />
      <div className={styles.words}>
        <h3 id={VERDICT_ID} tabIndex={-1} className={styles.state}>
          {verdict.state}
        </h3>
        {verdict.blocker && <Text>{verdict.blocker}</Text>}
        <Text>
          <Text weight="semibold">Next:</Text> {verdict.next}
        </Text>
      </div>
    </section>
  );
};

/** Moves focus to the verdict's heading once the view has re-rendered. */
export function focusVerdict(): void {
  setTimeout(() => document.getElementById(VERDICT_ID)?.focus(), 0);
}
