import { get, getMap, getPair, str } from '../../parse/ast';
import { nearest } from '../../model/identity';
import { SUBJECT_TOKEN_TYPES, VALID_SUBJECT_TOKEN_TYPES } from '../../model/adc';
import type { Rule } from '../types';
import { code, credentialConfigViews } from '../util';

export const rule: Rule = {
  id: 'adc/subject-token-type',
  defaultSeverity: 'error',
  fix: 'set the right URN',
  description:
    'A `subject_token_type` that is not a known URN, or that does not match the credential source (AWS ↔ aws4_request).',
  check(ctx) {
    for (const v of credentialConfigViews(ctx)) {
      const pair = getPair(v.root, 'subject_token_type', v.doc);
      if (!pair) continue;
      const value = str(pair.value);
      const cs = getMap(v.root, 'credential_source', v.doc);
      const isAws = str(get(cs, 'environment_id', v.doc))?.startsWith('aws') ?? false;
      let right: string | undefined;
      let message: string;
      if (value === undefined || !VALID_SUBJECT_TOKEN_TYPES.includes(value)) {
        right = isAws ? SUBJECT_TOKEN_TYPES.aws : value ? nearest(value, VALID_SUBJECT_TOKEN_TYPES, 6) : undefined;
        message = `${value ? code(value) : 'This value'} is not a subject token type STS accepts; use one of ${VALID_SUBJECT_TOKEN_TYPES.map((t) => code(t)).join(', ')}${right ? ` — here ${code(right)}` : ''}.`;
      } else if (isAws && value !== SUBJECT_TOKEN_TYPES.aws) {
        right = SUBJECT_TOKEN_TYPES.aws;
        message = `An AWS credential source (\`environment_id: aws1\`) produces signed GetCallerIdentity requests, not ${code(value)}: set ${code(right)}.`;
      } else if (!isAws && value === SUBJECT_TOKEN_TYPES.aws) {
        message = `${code(value)} is only for AWS credential sources (\`environment_id: "aws1"\`); a file/url/executable source provides a token such as a Kubernetes JWT (${code(SUBJECT_TOKEN_TYPES.jwt)}).`;
      } else continue;
      const edit = right ? v.h.json.replace(pair.value, JSON.stringify(right), v.h.escape) : undefined;
      ctx.report({
        ...v.h.json.atValue(pair),
        message,
        fixes:
          edit && right ? [{ title: `Set subject_token_type to ${right}`, edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
