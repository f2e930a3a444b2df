/** Where `wi-lint` writes and reads: the process's streams, or a test's buffers. */
import { readFileSync } from 'node:fs';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  /** Standard input, read whole (for `wi-lint -`). */
  stdin?(): string;
}

export const defaultIo: Io = {
  stdout: (s) => process.stdout.write(`${s}\n`),
  stderr: (s) => process.stderr.write(`${s}\n`),
  stdin: () => readFileSync(0, 'utf8'),
};
