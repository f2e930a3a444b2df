import { getPair, getSeqItems, isMap } from '../../parse/ast';
import { AZURE_CLIENT_ID, EKS_ROLE_ARN, GKE_AWS_ROLE_ARN, GKE_GSA_ANNOTATION } from '../../model/identity';
import { envOf, mountsOf, volumesOf } from '../../model/pod';
import type { PodSpec } from '../../model/k8s';
import { hasPlaceholder } from '../../text/placeholder';
import { placeOf } from '../graph';
import type { ServiceAccountEntry } from '../view';
import type { Rule, RuleContext } from '../types';
import { at, code, describeObject, podServiceAccount } from '../util';

type Cloud = 'aws' | 'azure' | 'gcp';

/** The clouds a ServiceAccount's annotations give its pods an identity in, with the annotation that says so. */
function cloudsOf(sa: ServiceAccountEntry): Array<{ cloud: Cloud; key: string }> {
  const out: Array<{ cloud: Cloud; key: string }> = [];
  for (const key of [EKS_ROLE_ARN, GKE_AWS_ROLE_ARN])
    if (sa.annotations[key] !== undefined) out.push({ cloud: 'aws', key });
  if (sa.annotations[AZURE_CLIENT_ID] !== undefined) out.push({ cloud: 'azure', key: AZURE_CLIENT_ID });
  if (sa.annotations[GKE_GSA_ANNOTATION] !== undefined) out.push({ cloud: 'gcp', key: GKE_GSA_ANNOTATION });
  return out;
}

/** Environment variables with long-lived credentials that each cloud's SDK reads before workload identity. */
const STATIC_ENV: Record<Exclude<Cloud, 'gcp'>, string[]> = {
  aws: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
  azure: ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH'],
};

/** Mount paths of the pod's Secret volumes (a key file read from one is a long-lived credential). */
function secretMounts(pod: PodSpec, container: PodSpec['containers'][number]): string[] {
  const secretVolumes = new Set(
    volumesOf(pod)
      .filter(
        (v) =>
          getPair(v.map, 'secret', pod.doc) !== undefined ||
          getSeqItems(getPair(v.map, 'projected', pod.doc)?.value, 'sources', pod.doc).some(
            (s) => isMap(s) && getPair(s, 'secret', pod.doc) !== undefined,
          ),
      )
      .map((v) => v.name),
  );
  return mountsOf(container, pod.doc)
    .filter((m) => secretVolumes.has(m.name))
    .map((m) => m.mountPath.replace(/\/+$/, ''));
}

function report(
  ctx: RuleContext,
  pod: PodSpec,
  sa: ServiceAccountEntry,
  key: string,
  node: unknown,
  what: string,
): void {
  const located = ctx.workspace.serviceAccountAt(sa.namespace, sa.name);
  const where = located?.at ? placeOf(ctx.workspace, ctx.file.path, located.path, located.at) : undefined;
  ctx.report({
    ...at(node),
    message: `${describeObject(pod.obj)} runs as ServiceAccount ${code(`${sa.namespace}/${sa.name}`)}${where ? ` (${where})` : ''}, whose ${code(key)} gives it workload identity, but ${what}: the SDK reads these first, so workload identity is silently unused and the long-lived credential is what the pod acts as. Remove it (and the Secret behind it).`,
    related: located?.at
      ? [{ path: located.path, ...located.at, message: `ServiceAccount ${sa.namespace}/${sa.name} (${key})` }]
      : undefined,
  });
}

export const rule: Rule = {
  id: 'k8s/static-credentials',
  defaultSeverity: 'warning',
  description:
    'A pod whose ServiceAccount has workload identity also sets long-lived credentials the SDK reads first (access keys, client secrets, a key file from a Secret).',
  check(ctx) {
    for (const pod of ctx.file.podSpecs) {
      const sa = podServiceAccount(pod, ctx.workspace);
      if (!sa) continue;
      const clouds = cloudsOf(sa);
      if (!clouds.length) continue;
      for (const c of pod.containers) {
        const env = envOf(c, pod.doc);
        for (const { cloud, key } of clouds) {
          if (cloud === 'gcp') {
            const gac = env.find((e) => e.name === 'GOOGLE_APPLICATION_CREDENTIALS');
            if (!gac?.value || hasPlaceholder(gac.value)) continue;
            const inSecret = secretMounts(pod, c).some((m) => gac.value!.startsWith(`${m}/`));
            if (inSecret)
              report(
                ctx,
                pod,
                sa,
                key,
                gac.valuePair?.value ?? gac.map,
                `container ${code(c.name ?? '')} sets ${code('GOOGLE_APPLICATION_CREDENTIALS')} to a file from a Secret volume (${code(gac.value)}, a service account key)`,
              );
            continue;
          }
          for (const e of env)
            if (STATIC_ENV[cloud].includes(e.name))
              report(
                ctx,
                pod,
                sa,
                key,
                e.namePair?.value ?? e.map,
                `container ${code(c.name ?? '')} sets ${code(e.name)}`,
              );
        }
      }
    }
  },
};
