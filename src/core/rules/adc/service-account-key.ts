import { getMap, getPair, isScalar } from '../../parse/ast';
import { jsonType } from '../../model/credentials';
import { stringMap } from '../../model/k8s';
import type { Rule } from '../types';
import { at, code, describeObject } from '../util';

const WHY =
  'a long-lived service-account key defeats workload identity (it works from anywhere until someone revokes it). Delete the key (`gcloud iam service-accounts keys delete`) and use Workload Identity or a credential config (`external_account`) instead.';

/** A JSON service-account key: `"type": "service_account"` with a `private_key`. Never returns or logs the key. */
function isKeyJson(text: string): boolean {
  if (!/"private_key"/.test(text) || !/"service_account"/.test(text)) return false;
  try {
    const v = JSON.parse(text) as { type?: unknown; private_key?: unknown };
    return v?.type === 'service_account' && typeof v.private_key === 'string' && v.private_key.includes('PRIVATE KEY');
  } catch {
    return false;
  }
}

function decodeBase64(s: string): string | undefined {
  const t = s.replace(/\s+/g, '');
  if (t.length < 16 || t.length > 64 * 1024 || !/^[A-Za-z0-9+/]+=*$/.test(t)) return undefined;
  return Buffer.from(t, 'base64').toString('utf8');
}

export const rule: Rule = {
  id: 'adc/service-account-key',
  defaultSeverity: 'error',
  description:
    'A Google service-account key (`"type": "service_account"` with `private_key`) in a file, ConfigMap or Secret.',
  check(ctx) {
    for (const h of ctx.file.hostedJsons) {
      if (jsonType(h) !== 'service_account') continue;
      const root = h.json.root;
      const keyPair = root && h.json.doc ? getPair(root, 'private_key', h.json.doc) : undefined;
      // A key is PEM; the auth libraries' own test fixtures carry `"private_key": "privatekey"`, which is no key.
      if (
        !keyPair ||
        !isScalar(keyPair.value) ||
        typeof keyPair.value.value !== 'string' ||
        !keyPair.value.value.includes('PRIVATE KEY')
      )
        continue;
      ctx.report({
        ...(h.host ? at(h.host.pair.key) : h.json.at(keyPair.key)),
        message: h.host
          ? `${describeObject(h.host.obj)} holds a service-account key under ${code(h.host.key)}: ${WHY}`
          : `This file is a service-account key: ${WHY}`,
      });
    }
    // Secret `data` is base64.
    for (const obj of ctx.file.objects) {
      if (obj.kind !== 'Secret' || obj.apiVersion !== 'v1') continue;
      for (const e of stringMap(getMap(obj.node, 'data', obj.doc), obj.doc)) {
        if (!isScalar(e.pair.value) || e.value === undefined) continue;
        const decoded = decodeBase64(e.value);
        if (!decoded || !isKeyJson(decoded)) continue;
        ctx.report({
          ...at(e.pair.key),
          message: `${describeObject(obj)} holds a base64-encoded service-account key under ${code(e.key)}: ${WHY}`,
        });
      }
    }
  },
};
