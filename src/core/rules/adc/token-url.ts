import { getPair, str } from '../../parse/ast';
import { couldBe } from '../../text/placeholder';
import { DEFAULT_TOKEN_URL, STS_TOKEN_URL } from '../../model/adc';
import type { Rule } from '../types';
import { code, credentialConfigViews } from '../util';

export const rule: Rule = {
  id: 'adc/token-url',
  defaultSeverity: 'warning',
  fix: 'set the default',
  description: 'A `token_url` that is not an https Security Token Service endpoint (`http:` is an error).',
  check(ctx) {
    for (const v of credentialConfigViews(ctx)) {
      const pair = getPair(v.root, 'token_url', v.doc);
      if (!pair) continue;
      const url = str(pair.value);
      if (url !== undefined && couldBe(url, (u) => STS_TOKEN_URL.test(u))) continue;
      const universe = str(getPair(v.root, 'universe_domain', v.doc)?.value);
      const right = universe && universe !== 'googleapis.com' ? `https://sts.${universe}/v1/token` : DEFAULT_TOKEN_URL;
      const insecure = url !== undefined && /^http:/i.test(url);
      const edit = v.h.json.replace(pair.value, JSON.stringify(right), v.h.escape);
      ctx.report({
        ...v.h.json.atValue(pair),
        severity: insecure ? 'error' : undefined,
        message: insecure
          ? `${code(url)} sends the subject token over plain http; use the https STS endpoint ${code(right)}.`
          : `${url ? code(url) : 'This value'} is not a Security Token Service endpoint; the token exchange goes to ${code(right)}.`,
        fixes: edit ? [{ title: `Set token_url to ${right}`, edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
