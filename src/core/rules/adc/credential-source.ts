import { get, getPair, isMap, isScalar, keyString, str, type Pair } from '../../parse/ast';
import { CREDENTIAL_SOURCE_KINDS } from '../../model/adc';
import type { Report, Rule } from '../types';
import { code, credentialConfigViews, type CredentialConfigView } from '../util';

const MIN_TIMEOUT = 5000;
const MAX_TIMEOUT = 120000;

function problems(v: CredentialConfigView, csPair: Pair): Report[] {
  const { doc, h } = v;
  const out: Report[] = [];
  const cs = csPair.value;
  if (!isMap(cs)) {
    return [
      {
        ...h.json.atValue(csPair),
        message:
          '`credential_source` must be an object with one of `file`, `url`, `environment_id` or `executable`, e.g. `{"file": "/var/run/secrets/tokens/gcp-ksa/token"}`.',
      },
    ];
  }
  let kinds = cs.items
    .map((p) => keyString(p.key))
    .filter((k): k is (typeof CREDENTIAL_SOURCE_KINDS)[number] =>
      (CREDENTIAL_SOURCE_KINDS as readonly string[]).includes(k ?? ''),
    );
  // An AWS source (`environment_id`) uses `url` for the metadata server's security-credentials endpoint.
  if (kinds.includes('environment_id')) kinds = kinds.filter((k) => k !== 'url');
  if (kinds.length !== 1) {
    out.push({
      ...h.json.at(csPair.key),
      message: kinds.length
        ? `\`credential_source\` sets ${kinds.map((k) => code(k)).join(' and ')}; exactly one of \`file\`, \`url\`, \`environment_id\` or \`executable\` is allowed. Keep the one that provides the subject token.`
        : '`credential_source` has none of `file`, `url`, `environment_id` or `executable`: the library has no subject token to exchange. Add one, e.g. `"file": "/var/run/secrets/tokens/gcp-ksa/token"`.',
    });
  }
  for (const k of ['file', 'url'] as const) {
    const p = getPair(cs, k, doc);
    if (p && !str(p.value))
      out.push({ ...h.json.atValue(p), message: `\`credential_source.${k}\` must be a non-empty string.` });
  }
  const format = getPair(cs, 'format', doc);
  if (format) {
    const fm = format.value;
    const typePair = isMap(fm) ? getPair(fm, 'type', doc) : undefined;
    const type = typePair ? str(typePair.value) : undefined;
    if (!isMap(fm) || (typePair && type !== 'text' && type !== 'json')) {
      out.push({
        ...h.json.atValue(typePair ?? format),
        message: `\`credential_source.format.type\` is ${type ? code(type) : 'not a string'}; it must be \`"text"\` (the file/response is the token) or \`"json"\` (with \`subject_token_field_name\`).`,
      });
    } else if (type === 'json' && !str(get(fm, 'subject_token_field_name', doc))) {
      out.push({
        ...h.json.at(typePair?.value ?? format.key),
        message:
          '`format.type` is `"json"` but `subject_token_field_name` is missing: name the JSON field that holds the token, e.g. `"subject_token_field_name": "access_token"`.',
      });
    }
  }
  const envPair = getPair(cs, 'environment_id', doc);
  if (envPair) {
    const env = str(envPair.value);
    if (env !== 'aws1') {
      out.push({
        ...h.json.atValue(envPair),
        message: `\`environment_id\` is ${env ? code(env) : 'not a string'}; the only supported value is \`"aws1"\` (AWS).`,
      });
    }
    if (env?.startsWith('aws') && !str(get(cs, 'regional_cred_verification_url', doc))) {
      out.push({
        ...h.json.at(envPair.key),
        message:
          'An AWS credential source needs `regional_cred_verification_url`: `"https://sts.{region}.amazonaws.com?Action=GetCallerIdentity&Version=2011-06-15"`.',
      });
    }
  }
  const exePair = getPair(cs, 'executable', doc);
  if (exePair) {
    const exe = exePair.value;
    if (!isMap(exe) || !str(get(exe, 'command', doc))) {
      out.push({
        ...h.json.at(exePair.key),
        message:
          '`credential_source.executable` needs a `command` (the program that prints the subject token), e.g. `{"command": "/path/to/token-helper", "timeout_millis": 30000}`.',
      });
    }
    const tPair = isMap(exe) ? getPair(exe, 'timeout_millis', doc) : undefined;
    const t = tPair && isScalar(tPair.value) ? tPair.value.value : undefined;
    if (tPair && (typeof t !== 'number' || t < MIN_TIMEOUT || t > MAX_TIMEOUT)) {
      out.push({
        ...h.json.atValue(tPair),
        message: `\`timeout_millis\` must be a number from ${MIN_TIMEOUT} to ${MAX_TIMEOUT} (milliseconds); the default is 30000.`,
      });
    }
  }
  return out;
}

export const rule: Rule = {
  id: 'adc/credential-source',
  defaultSeverity: 'error',
  description:
    'A `credential_source` that is not exactly one valid `file`, `url`, `environment_id` or `executable` source.',
  check(ctx) {
    for (const v of credentialConfigViews(ctx)) {
      const csPair = getPair(v.root, 'credential_source', v.doc);
      if (!csPair) continue;
      for (const r of problems(v, csPair)) ctx.report(r);
    }
  },
};
