/**
 * The pane's themes: light, dark or high contrast, as Office shows. Most people use the light theme, so only it is
 * in the pane's first script; the dark and high-contrast token sets load when asked for.
 */
import { webLightTheme, type Theme } from "@fluentui/react-components";

export type PaneTheme = "light" | "dark" | "highContrast";

/** Windows high contrast shows as forced colours; Office's own theme says whether it is dark. */
export function paneTheme(): PaneTheme {
  if (window.matchMedia?.("(forced-colors: active)").matches) return "highContrast";
  return Office.context?.officeTheme?.isDarkTheme ? "dark" : "light";
}

export async function loadTheme(name: PaneTheme): Promise<Theme> {
  if (name === "light") return webLightTheme;
  const other = await import(/* webpackChunkName: "themes" */ "./other-themes");
  return name === "dark" ? other.webDarkTheme : other.teamsHighContrastTheme;
}
