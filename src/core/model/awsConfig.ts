/** AWS config / credentials files as workload identity reads them: the programs `credential_process` runs. */

/** Absolute paths named by `credential_process = …` lines of an AWS config/credentials text. */
export function credentialProcessPaths(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^[ \t]*credential_process[ \t]*=[ \t]*(.+)$/gm)) {
    for (const tok of m[1].split(/\s+/)) {
      const t = tok.replace(/^["']|["']$/g, '');
      if (t.startsWith('/')) out.push(t);
    }
  }
  return out;
}

/** Programs `credential_process` runs directly (its first word); `python3 /x` hands the script to an interpreter. */
export function credentialProcessPrograms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^[ \t]*credential_process[ \t]*=[ \t]*["']?(\/[^\s"']+)/gm)) out.push(m[1]);
  return out;
}
