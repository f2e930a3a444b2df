/** What went wrong, as text: an Error's message, or the thrown value itself. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
