/** The quarter's round in the Return Register: issue the returns, receive them, see where each stands, remind. */
import { graphOptions, type OfficerOpts, type Registration } from "./options";

type IssueOpts = OfficerOpts & {
  plan: string;
  period: string;
  due: string;
  output: string;
  force?: boolean;
  json?: boolean;
};
type RemindOpts = OfficerOpts & {
  period: string;
  within: string;
  eml?: string;
  dryRun?: boolean;
  json?: boolean;
};

/** `issue`, `receive`, `status` and `remind`. */
export function registerRegisterCommands({ program, io, setExit }: Registration): void {
  graphOptions(
    program
      .command("issue")
      .description("Issue a quarter's returns from a plan: one blank return per row, each registered")
      .requiredOption(
        "--plan <file>",
        "CSV or JSON: provider, email, template, targets, history (docs/cli.md)",
      )
      .requiredOption("--period <period>", 'financial-year quarter, e.g. "2022-23 Q2"')
      .requiredOption("--due <date>", "when the returns are due (yyyy-mm-dd)")
      .requiredOption("-o, --output <dir>", "the folder to write the returns into"),
  )
    .option("--by <name>", "who issues them: against the emulator only")
    .option("--force", "replace returns already in the folder")
    .option("--json", "print what was issued as JSON")
    .action(async (opts: IssueOpts) => {
      setExit(await (await import("../commands/issue")).runIssue(opts, io));
    });

  graphOptions(
    program
      .command("receive")
      .description("Check returns against the Return Register and record them as received")
      .argument("<files...>", ".xlsx returns, folders or globs"),
  )
    .option("--by <name>", "who receives them: against the emulator only")
    .option("--json", "print one object per file")
    .action(async (files: string[], opts: OfficerOpts & { json?: boolean }) => {
      setExit(await (await import("../commands/register")).runReceive(files, opts, io));
    });

  graphOptions(
    program
      .command("status")
      .description("The quarter at a glance: one row per issued return, from the Return Register")
      .requiredOption("--period <period>", 'financial-year quarter, e.g. "2022-23 Q2"'),
  )
    .option("--json", "print an array of objects (fields in docs/cli.md)")
    .action(async (opts: { site: string; graphUrl?: string; period: string; json?: boolean }) => {
      await (await import("../commands/register")).runStatus(opts, io);
    });

  graphOptions(
    program
      .command("remind")
      .description("Draft reminders for returns not yet received that are overdue or due soon")
      .requiredOption("--period <period>", 'financial-year quarter, e.g. "2022-23 Q2"'),
  )
    .option("--within <days>", "also remind returns due within this many days", "0")
    .option("--eml <dir>", "write .eml files into this folder instead of Outlook drafts")
    .option("--dry-run", "list what would be sent; draft and record nothing")
    .option("--by <name>", "who reminds: against the emulator only")
    .option("--json", "print the reminders as JSON")
    .action(async (opts: RemindOpts) => {
      await (await import("../commands/remind")).runRemind(opts, io);
    });
}
