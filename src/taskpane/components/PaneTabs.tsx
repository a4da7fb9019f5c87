/**
 * The pane's tabs: a tab list drawn here with the theme's tokens, in the look of Fluent's small transparent TabList. It
 * is on the pane's first screen, where Fluent's TabList, its styles and the arrow-key group behind it were the largest
 * single part of the first script after React. It keeps the keyboard model of the ARIA tabs pattern (and of Fluent's
 * TabList): one stop in the Tab order, on the selected tab (the first while none is); the arrow keys move between tabs,
 * round from the last to the first, Home and End go to the ends; Enter, Space or a click selects.
 */
import * as React from "react";
import { useRef } from "react";
import {
  createCustomFocusIndicatorStyle,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";

export interface PaneTab<V extends string> {
  readonly value: V;
  readonly label: string;
}

export interface PaneTabsProps<V extends string> {
  /** The tab list's accessible name. */
  label: string;
  tabs: readonly PaneTab<V>[];
  /** The tab selected, or null while none is. */
  selected: V | null;
  onSelect(value: V): void;
  className?: string;
}

/** The indicator under a tab (hover and selected): a thick rounded line inset by the tab's own padding. */
const indicator = {
  content: '""',
  position: "absolute",
  bottom: 0,
  left: tokens.spacingHorizontalSNudge,
  right: tokens.spacingHorizontalSNudge,
  height: tokens.strokeWidthThick,
  borderRadius: tokens.borderRadiusCircular,
} as const;

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "row", alignItems: "stretch", flexShrink: 0, position: "relative" },
  tab: {
    position: "relative",
    display: "grid",
    alignItems: "center",
    justifyContent: "center",
    flexShrink: 0,
    overflow: "hidden",
    padding: `${tokens.spacingVerticalSNudge} ${tokens.spacingHorizontalSNudge}`,
    border: "none",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorTransparentBackground,
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightRegular,
    cursor: "pointer",
    outlineStyle: "none",
    ":hover": {
      backgroundColor: tokens.colorTransparentBackgroundHover,
      color: tokens.colorNeutralForeground2Hover,
    },
    ":active": {
      backgroundColor: tokens.colorTransparentBackgroundPressed,
      color: tokens.colorNeutralForeground2Pressed,
    },
    ":hover::before": { ...indicator, backgroundColor: tokens.colorNeutralStroke1Hover },
    ":active::before": { ...indicator, backgroundColor: tokens.colorNeutralStroke1Pressed },
    "@media (forced-colors: active)": {
      ":hover::before": { backgroundColor: "Highlight" },
      ":active::before": { backgroundColor: "Highlight" },
    },
    ...createCustomFocusIndicatorStyle(
      {
        outlineWidth: tokens.strokeWidthThick,
        outlineColor: "transparent",
        outlineStyle: "solid",
        boxShadow: `${tokens.shadow4}, 0 0 0 ${tokens.strokeWidthThick} ${tokens.colorStrokeFocus2}`,
        zIndex: 1,
      },
      { enableOutline: true },
    ),
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    ":hover": { color: tokens.colorNeutralForeground1Hover },
    ":active": { color: tokens.colorNeutralForeground1Pressed },
    "::after": { ...indicator, backgroundColor: tokens.colorCompoundBrandStroke },
    ":hover::after": { backgroundColor: tokens.colorCompoundBrandStrokeHover },
    ":active::after": { backgroundColor: tokens.colorCompoundBrandStrokePressed },
    "@media (forced-colors: active)": {
      "::after": { backgroundColor: "ButtonText" },
      ":hover::after": { backgroundColor: "ButtonText" },
      ":active::after": { backgroundColor: "ButtonText" },
    },
  },
  // The label and a hidden bold copy share one grid cell, so selecting a tab (bold) does not shift its neighbours.
  label: { gridColumnStart: 1, gridRowStart: 1, paddingInline: tokens.spacingHorizontalXXS },
  reserved: {
    gridColumnStart: 1,
    gridRowStart: 1,
    paddingInline: tokens.spacingHorizontalXXS,
    fontWeight: tokens.fontWeightSemibold,
    visibility: "hidden",
  },
});

/** The index the arrow keys, Home and End lead to from tab `i` of `n`, or null for any other key. */
export function tabKeyTarget(key: string, i: number, n: number): number | null {
  if (key === "ArrowRight") return (i + 1) % n;
  if (key === "ArrowLeft") return (i - 1 + n) % n;
  if (key === "Home") return 0;
  if (key === "End") return n - 1;
  return null;
}

export function PaneTabs<V extends string>(p: PaneTabsProps<V>): React.ReactElement {
  const styles = useStyles();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const stop = Math.max(
    0,
    p.tabs.findIndex((t) => t.value === p.selected),
  );
  const onKeyDown = (e: React.KeyboardEvent, i: number): void => {
    const to = tabKeyTarget(e.key, i, p.tabs.length);
    if (to === null) return;
    e.preventDefault();
    buttons.current[to]?.focus();
  };
  return (
    <div role="tablist" aria-label={p.label} className={mergeClasses(styles.list, p.className)}>
      {p.tabs.map((t, i) => {
        const selected = t.value === p.selected;
        return (
          <button
            key={t.value}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            aria-selected={selected}
            tabIndex={i === stop ? 0 : -1}
            className={mergeClasses(styles.tab, selected && styles.selected)}
            onClick={() => p.onSelect(t.value)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            <span className={styles.label}>{t.label}</span>
            <span className={styles.reserved} aria-hidden>
              {t.label}
            </span>
          </button>
        );
      })}
    </div>
  );
}
