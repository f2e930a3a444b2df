import { editDistance, KNOWN_IDENTITY_KEYS, nearest } from '../../model/identity';
import { renameKey } from '../../fix/yamlEdit';
import type { Rule } from '../types';
import { at, code, metadataEntries, nodeSelectorEntries } from '../util';

const KNOWN = new Set(KNOWN_IDENTITY_KEYS);
const KNOWN_DOMAINS = [...new Set(KNOWN_IDENTITY_KEYS.map((k) => k.split('/')[0]))];
/** Words that tie a domain to one of the identity webhooks/agents. */
const IDENTITY_TOKENS = ['gke', 'eks', 'amazon', 'amazonaws', 'aws', 'azure', 'google', 'workload', 'identity'];

function split(key: string): [string, string] {
  const i = key.lastIndexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

/** The known key this one was meant to be, if it is a near miss (typo or wrong domain). */
export function intendedKey(key: string): string | undefined {
  if (KNOWN.has(key)) return undefined;
  // The whole key is compared: a domain that ends with a known domain behind an extra label
  // (`testing.eks.amazonaws.com/serviceAccount/audience`) is someone's own key.
  const prefix = key.split('/')[0];
  if (KNOWN_DOMAINS.some((d) => prefix !== d && prefix.endsWith(`.${d}`))) return undefined;
  if (KNOWN.has(key.toLowerCase())) return key.toLowerCase();
  const near = nearest(key, KNOWN_IDENTITY_KEYS, 2);
  if (near) return near;
  const [domain, name] = split(key);
  if (!domain) return undefined;
  const tokens = domain.toLowerCase().split(/[.-]/);
  for (const known of KNOWN_IDENTITY_KEYS) {
    const [kDomain, kName] = split(known);
    if (editDistance(name, kName, 1) > 1) continue;
    if (
      editDistance(domain, kDomain, 4) <= 4 ||
      (name === kName && tokens.some((t) => IDENTITY_TOKENS.includes(t) && kDomain.includes(t)))
    )
      return known;
  }
  return undefined;
}

export const rule: Rule = {
  id: 'k8s/annotation-key-typo',
  defaultSeverity: 'error',
  fix: 'rename key',
  description: 'An annotation or label key that is a near miss of a workload-identity key, so nothing reads it.',
  check(ctx) {
    const seen = new Set<unknown>(); // a nodeSelector map may be an alias shared by two pod specs
    const entries = [...metadataEntries(ctx), ...ctx.file.podSpecs.flatMap((p) => nodeSelectorEntries(p))];
    for (const e of entries) {
      if (seen.has(e.pair)) continue;
      seen.add(e.pair);
      const intended = intendedKey(e.key);
      if (!intended) continue;
      const edit = renameKey(ctx.file.parsed, e.pair, intended);
      ctx.report({
        ...at(e.pair.key),
        message: `${code(e.key)} is not a workload-identity key, so it is silently ignored: write ${code(intended)}.`,
        fixes: edit ? [{ title: `Rename to ${intended}`, edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
