/** AWS config / credentials files as workload identity reads them: the programs `credential_process` runs. */

/** The words of each `credential_process = …` line of an AWS config/credentials text, quotes removed. */
function credentialProcessCommands(text: string): string[][] {
  return [...text.matchAll(/^[ \t]*credential_process[ \t]*=[ \t]*(.+)$/gm)].map((m) =>
    m[1]
      .trim()
      .split(/\s+/)
      .map((tok) => tok.replace(/^["']|["']$/g, '')),
  );
}

/** Absolute paths named by `credential_process = …` lines (the program and its arguments). */
export function credentialProcessPaths(text: string): string[] {
  return credentialProcessCommands(text).flatMap((words) => words.filter((w) => w.startsWith('/')));
}

/** Programs `credential_process` runs directly (its first word); `python3 /x` hands the script to an interpreter. */
export function credentialProcessPrograms(text: string): string[] {
  return credentialProcessCommands(text).flatMap((words) => (words[0]?.startsWith('/') ? [words[0]] : []));
}
