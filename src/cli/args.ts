/** Command-line arguments, one reader for every wi-lint subcommand: `--flag value`, `--flag=value`, operands. */
export class UsageError extends Error {}

export interface Arg {
  /** As typed. */
  raw: string;
  /** The flag without an inline `=value`. */
  flag: string;
  /** The flag's value: inline, else the next argument (consumed). */
  value(): string;
  /** An operand (not an option). */
  operand: boolean;
}

export function* readArgs(argv: readonly string[]): Generator<Arg> {
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    yield {
      raw,
      flag,
      operand: !raw.startsWith('-') || raw === '-',
      value: () => {
        const v = eq > 0 ? raw.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`${flag} needs a value`);
        return v;
      },
    };
  }
}

/** `--format` checked against the formats a command supports. */
export function formatOption<T extends string>(arg: Arg, allowed: readonly T[]): T {
  const v = arg.value();
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`--format must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, not "${v}"`);
  return v as T;
}

/** A positive number (seconds, KB) no larger than `max`. */
export function numberOption(arg: Arg, what: string, max = Infinity): number {
  const v = Number(arg.value());
  if (!Number.isFinite(v) || v <= 0 || v > max)
    throw new UsageError(`${arg.flag} takes a positive number of ${what}${max < Infinity ? ` up to ${max}` : ''}`);
  return v;
}
