import { getPair, str } from '../../parse/ast';
import { couldBe } from '../../text/placeholder';
import { IMPERSONATION_URL } from '../../model/adc';
import { isGsaEmail } from '../../model/identity';
import type { Rule } from '../types';
import { code, credentialConfigViews } from '../util';

const FORM =
  '`https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/NAME@PROJECT_ID.iam.gserviceaccount.com:generateAccessToken`';

export const rule: Rule = {
  id: 'adc/impersonation-url',
  defaultSeverity: 'error',
  description:
    'A `service_account_impersonation_url` that is not the IAM Credentials generateAccessToken URL of a valid service account.',
  check(ctx) {
    for (const v of credentialConfigViews(ctx)) {
      const pair = getPair(v.root, 'service_account_impersonation_url', v.doc);
      if (!pair) continue;
      const url = str(pair.value);
      if (
        url !== undefined &&
        couldBe(url, (u) => {
          const x = IMPERSONATION_URL.exec(u);
          return !!x && isGsaEmail(decodeURIComponent(x[2]));
        })
      )
        continue;
      const m = url ? IMPERSONATION_URL.exec(url) : null;
      let problem: string | undefined;
      if (!url) problem = 'is not a string';
      else if (!m)
        problem = /:generateIdToken$/.test(url)
          ? 'calls `generateIdToken`; impersonation for access tokens calls `:generateAccessToken`'
          : `is not of the form ${FORM}`;
      else if (!isGsaEmail(decodeURIComponent(m[2])))
        problem = `names ${code(decodeURIComponent(m[2]))}, which is not a service account email (\`NAME@PROJECT_ID.iam.gserviceaccount.com\`)`;
      if (!problem) continue;
      ctx.report({
        ...v.h.json.atValue(pair),
        message: `\`service_account_impersonation_url\` ${problem}; the client library fails when it impersonates. Write ${FORM}.`,
      });
    }
  },
};
