/**
 * google-auth-library as ground truth: hand a credential config to its own loader (`ExternalAccountClient.fromJSON`)
 * and report what it rejects. Loaded lazily, on the first credential config; no network (it only builds a client).
 */
import { errorMessage } from '../text/errors';

declare const __GAL_MODULE__: string | undefined;

export interface Gal {
  ExternalAccountClient: { fromJSON(options: unknown): unknown };
}

let gal: Gal | null | undefined;
let loadError: string | undefined;

function load(): Gal | null {
  if (gal !== undefined) return gal;
  try {
    // Bundles load the separate dist/gal.js; tests and tsx load the package itself.
    const id = typeof __GAL_MODULE__ === 'string' ? __GAL_MODULE__ : 'google-auth-library';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    gal = require(id) as Gal;
  } catch (e) {
    gal = null;
    loadError = errorMessage(e);
  }
  return gal;
}

/** The library (loaded on first use), or why it could not be loaded. */
export function loadClientLibrary(): { library: Gal | null; error?: string } {
  return { library: load(), error: loadError };
}

/** Verdicts by the config's JSON: generated repositories hold the same config many times (bounded). */
const verdicts = new Map<string, string | null>();
const MAX_VERDICTS = 2000;

/** The library's error message for this config, or undefined when it accepts it (or is unavailable). */
export function clientLibraryRejection(config: unknown): string | undefined {
  const lib = load();
  if (!lib) return undefined;
  const json = JSON.stringify(config);
  const known = verdicts.get(json);
  if (known !== undefined) return known ?? undefined;
  let verdict: string | undefined;
  try {
    // A deep copy: the library must not see (or keep) our objects.
    const client = lib.ExternalAccountClient.fromJSON(JSON.parse(json));
    verdict = client ? undefined : 'it does not recognise this as an external_account config (fromJSON returned null)';
  } catch (e) {
    verdict = errorMessage(e);
  }
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(json, verdict ?? null);
  return verdict;
}
