import { insertPair, replaceString, scalarText } from '../../fix/yamlEdit';
import { mayEqual } from '../../text/placeholder';
import { fleetPoolOf } from '../../model/adc';
import type { TokenSource } from '../../model/pod';
import { basenameOf } from '../../text/paths';
import type { Rule } from '../types';
import { at, atValue, code } from '../util';
import { credentialConfigOf, podViews } from '../pods';

export const rule: Rule = {
  id: 'fleet/token-audience-mismatch',
  defaultSeverity: 'error',
  fix: 'set the audience',
  description:
    'A projected service-account token whose `audience` is not the workload pool of the credential config projected next to it.',
  check(ctx) {
    const reported = new Set<TokenSource>();
    for (const pv of podViews(ctx)) {
      for (const vol of pv.volumes) {
        if (!vol.tokens.length) continue;
        for (const src of vol.configMaps) {
          const cm = pv.configMap(src.name);
          if (!cm) continue;
          const keys = src.items ? src.items.map((i) => i.key) : Object.keys(cm.data);
          for (const key of keys) {
            const cfg = credentialConfigOf(cm, key);
            const pool = fleetPoolOf(typeof cfg?.audience === 'string' ? cfg.audience : undefined);
            if (!cfg || !pool) continue;
            const file = typeof cfg.credential_source?.file === 'string' ? cfg.credential_source.file : undefined;
            const token =
              (file ? vol.tokens.find((t) => t.path && basenameOf(file) === basenameOf(t.path)) : undefined) ??
              (vol.tokens.length === 1 ? vol.tokens[0] : undefined);
            if (!token || (token.audience !== undefined && mayEqual(token.audience, pool)) || reported.has(token))
              continue;
            reported.add(token);
            const text = scalarText(ctx.file.parsed, pool);
            const edit = token.audiencePair
              ? replaceString(ctx.file.parsed, token.audiencePair.value, pool)
              : insertPair(ctx.file.parsed, token.map, 'audience', text);
            const source = `${code(`${cm.name}`)}/${code(key)}`;
            ctx.report({
              ...(token.audiencePair ? atValue(token.audiencePair) : at(token.pair.key)),
              message: token.audience
                ? `The token's audience ${code(token.audience)} is not the workload pool ${code(pool)} named by the credential config (${source}, audience ${code(String(cfg.audience))}); STS rejects the token. Set \`audience: ${pool}\`.`
                : `This token has no \`audience\`, so it is issued for the cluster's API server; the credential config (${source}) exchanges it with the workload pool ${code(pool)}. Set \`audience: ${pool}\`.`,
              fixes: edit ? [{ title: `Set audience to ${pool}`, edits: [edit], preferred: true }] : undefined,
            });
          }
        }
      }
    }
  },
};
