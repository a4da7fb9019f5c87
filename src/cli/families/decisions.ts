/** An officer's decisions on a return, each recorded in the Return Register: approve, override a query, send back. */
import { collect, graphOptions, type OfficerOpts, type Registration } from "./options";

type DecisionOpts = OfficerOpts & { output?: string; force?: boolean };

/** `approve`, `override` and `return`. */
export function registerDecisionCommands({ program, io }: Registration): void {
  graphOptions(
    program
      .command("approve")
      .description(
        "Approve a return in the Return Register (refused while errors or unexplained queries stand)",
      )
      .argument("<file>", "the .xlsx return"),
  )
    .option("--by <name>", "who approves: against the emulator only (a tenant uses the signed-in account)")
    .option("--comment <text>", "a note kept with the approval")
    .option("-o, --output <file>", "write the stamped return here instead of back into <file>")
    .option("--force", "replace the -o file if it exists")
    .action(async (file: string, opts: DecisionOpts & { comment?: string }) => {
      const done = await (await import("../commands/officer")).runApprove(file, opts, io);
      io.out(`Approved ${done.written} (by ${done.officer}), recorded in the Return Register.\n`);
    });

  graphOptions(
    program
      .command("override")
      .description(
        "Accept a query on a return, with the reason recorded in the Return Register (or withdraw that)",
      )
      .argument("<file>", "the .xlsx return"),
  )
    .requiredOption("--rule <id>", "the query's rule id, as `validate` shows it")
    .option("--subject <id>", "the KPI id or budget line id the query is about", "")
    .option("--reason <text>", "why the figure is accepted")
    .option("--withdraw", "withdraw an earlier override of this query instead")
    .option("--by <name>", "who accepts it: against the emulator only")
    .option("-o, --output <file>", "write the result here instead of back into <file>")
    .option("--force", "replace the -o file if it exists")
    .action(
      async (
        file: string,
        opts: DecisionOpts & { rule: string; subject?: string; reason?: string; withdraw?: boolean },
      ) => {
        const done = await (await import("../commands/officer")).runOverride(file, opts, io);
        io.out(
          `${opts.withdraw ? "Withdrew" : "Recorded"} the override of ${opts.rule}${opts.subject ? ` on ${opts.subject}` : ""} in the Return Register and ${done.written}.\n`,
        );
      },
    );

  graphOptions(
    program
      .command("return")
      .description("Send a return back to its provider, with the reasons, recorded in the Return Register")
      .argument("<file>", "the .xlsx return"),
  )
    .requiredOption("--reason <text>", "what the provider should change (repeat for several)", collect)
    .option("--by <name>", "who sends it back: against the emulator only")
    .option("-o, --output <file>", "write the result here instead of back into <file>")
    .option("--force", "replace the -o file if it exists")
    .action(async (file: string, opts: DecisionOpts & { reason: string[] }) => {
      const done = await (await import("../commands/officer")).runReturnToProvider(file, opts, io);
      const n = opts.reason.length;
      io.out(`Returned ${done.written} to the provider (${n} ${n === 1 ? "reason" : "reasons"}).\n`);
    });
}
