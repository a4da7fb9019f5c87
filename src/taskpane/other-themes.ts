/** The dark and high-contrast themes, in a chunk of their own (see themes.ts). */
export { teamsHighContrastTheme, webDarkTheme } from "@fluentui/react-components";
