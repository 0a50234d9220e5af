import { type ParseArgsConfig, parseArgs } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
>;

/** Prints one line saying what is wrong with the command line and where its usage is, and exits with 2. */
export function exitWithUsageError(message: string, help: string): never {
  console.error(`${message} (${help} shows the usage)`);
  process.exit(2);
}

/**
 * A command line read with node's parseArgs, as every Cakupan CLI reads its own: --help (or -h) prints `usage`
 * and exits 0; an unknown option or a missing value is one line naming it, and exit code 2, never a stack.
 */
export function parseCommandLine<const O extends Options>(
  args: string[],
  config: { options: O; usage: string; help: string; allowPositionals?: boolean },
): Parsed<O> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(config.usage);
    process.exit(0);
  }
  try {
    return parseArgs({
      args,
      options: config.options,
      allowPositionals: config.allowPositionals ?? false,
      strict: true,
    }) as Parsed<O>;
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown)
      exitWithUsageError(`unknown option ${unknown[1]}`, config.help);
    if (code?.startsWith("ERR_PARSE_ARGS_"))
      exitWithUsageError(message.split(/\.\s/)[0].replace(/\.$/, ""), config.help);
    throw error;
  }
}
