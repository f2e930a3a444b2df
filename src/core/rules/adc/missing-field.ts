import { getPair } from '../../parse/ast';
import { REQUIRED_FIELDS } from '../../model/adc';
import type { Rule } from '../types';
import { code, credentialConfigViews } from '../util';

const WHAT: Record<(typeof REQUIRED_FIELDS)[number], string> = {
  audience:
    '`audience` (`identitynamespace:POOL:PROVIDER`, or `//iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER`)',
  subject_token_type: '`subject_token_type` (e.g. `urn:ietf:params:oauth:token-type:jwt`)',
  token_url: '`token_url` (`https://sts.googleapis.com/v1/token`)',
  credential_source: '`credential_source` (e.g. `{"file": "/var/run/secrets/tokens/gcp-ksa/token"}`)',
};

export const rule: Rule = {
  id: 'adc/missing-field',
  defaultSeverity: 'error',
  description: 'A credential config without `audience`, `subject_token_type`, `token_url` or `credential_source`.',
  check(ctx) {
    for (const v of credentialConfigViews(ctx)) {
      const missing = REQUIRED_FIELDS.filter((f) => !getPair(v.root, f, v.doc));
      if (!missing.length) continue;
      const typePair = getPair(v.root, 'type', v.doc);
      ctx.report({
        ...v.h.json.at(typePair?.key ?? v.root),
        message: `${code('external_account')} config without ${missing.map((f) => code(f)).join(', ')}: the client library cannot exchange a token without ${missing.length > 1 ? 'them' : 'it'}. Add ${missing.map((f) => WHAT[f]).join('; ')}.`,
      });
    }
  },
};
