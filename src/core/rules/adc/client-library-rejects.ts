import { getPair } from '../../parse/ast';
import { clientLibraryRejection } from '../../model/clientLibrary';
import type { Rule } from '../types';
import { credentialConfigViews } from '../util';

export const rule: Rule = {
  id: 'adc/client-library-rejects',
  defaultSeverity: 'error',
  description: "A credential config that google-auth-library's own loader (`ExternalAccountClient.fromJSON`) rejects.",
  check(ctx) {
    for (const v of credentialConfigViews(ctx)) {
      let config: unknown;
      try {
        config = JSON.parse(v.h.json.json);
      } catch {
        continue;
      }
      const why = clientLibraryRejection(config);
      if (!why) continue;
      const typePair = getPair(v.root, 'type', v.doc);
      ctx.report({
        ...v.h.json.at(typePair?.key ?? v.root),
        message: `google-auth-library's \`ExternalAccountClient.fromJSON\` rejects ${v.where}: "${why.replace(/\s+/g, ' ').slice(0, 300)}". Client libraries fail with this error when Application Default Credentials load the file.`,
      });
    }
  },
};
