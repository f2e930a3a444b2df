/**
 * The live cluster check: asks a reader (client-node in src/kube, a stand-in in tests) for what the manifests expect
 * and turns the answers into findings with the `cluster/` rule ids. Each object is looked up once; the first
 * connection failure stops the run (one `cluster/unreachable` per file, no waiting out a timeout per object).
 */
import { GKE_METADATA_SELECTOR } from '../model/identity';
import type { Finding } from '../text/finding';
import { clusterRule, type ClusterRuleId } from './rules';
import {
  COMPARED_ANNOTATIONS,
  platformsOf,
  type Anchor,
  type ClusterExpectations,
  type Platform,
  type PlatformExpectation,
} from './expect';

/** The answer to one read. `forbidden`: RBAC said no (403) or the credentials were refused (401). */
export type Lookup<T> =
  | { status: 'found'; value: T }
  | { status: 'not-found' }
  | { status: 'forbidden'; message: string }
  | { status: 'unreachable'; message: string };

export interface LiveServiceAccount {
  annotations: Readonly<Record<string, string>>;
}

export interface LiveConfigMap {
  /** Keys of `data` and `binaryData` (values are not read into findings). */
  keys: readonly string[];
}

export interface LiveWebhookConfiguration {
  name: string;
  webhooks: readonly string[];
}

/** The reads the check needs; each says which RBAC verb + resource it uses (for messages and the README). */
export interface ClusterReader {
  /** get serviceaccounts */
  serviceAccount(namespace: string, name: string): Promise<Lookup<LiveServiceAccount>>;
  /** get configmaps */
  configMap(namespace: string, name: string): Promise<Lookup<LiveConfigMap>>;
  /** list nodes with a label selector (limit 1): how many matched (0 or 1). */
  nodesMatching(labelSelector: string): Promise<Lookup<{ count: number }>>;
  /** list mutatingwebhookconfigurations */
  mutatingWebhooks(): Promise<Lookup<LiveWebhookConfiguration[]>>;
}

export interface ClusterFinding extends Finding {
  path: string;
}

export interface CheckOptions {
  /** Stop early (the user cancelled); findings so far are returned. */
  signal?: AbortSignal;
  /** Called with one line per read, for an output channel / `--verbose`. Never carries values, only names. */
  log?: (line: string) => void;
  /** Context name for messages ("in context `kind-dev`"). */
  context?: string;
}

const METADATA_SERVER_SELECTOR = `${GKE_METADATA_SELECTOR}=true`;

/** Webhook names (and configuration names) that do the injection, upstream and the managed / OpenShift variants. */
const WEBHOOKS: Record<
  Exclude<Platform, 'gke'>,
  { configurations: string[]; webhooks: string[]; what: string; injects: string }
> = {
  eks: {
    configurations: ['pod-identity-webhook'],
    webhooks: [
      'iam-for-pods.amazonaws.com',
      'pod-identity-webhook.amazonaws.com',
      'pod-identity-webhook.aws.mutate.io',
    ],
    what: 'The EKS Pod Identity webhook (amazon-eks-pod-identity-webhook)',
    injects: 'AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and the projected token',
  },
  azure: {
    configurations: ['azure-wi-webhook-mutating-webhook-configuration'],
    webhooks: ['mutation.azure-workload-identity.io', 'pod-identity-webhook.azure.mutate.io'],
    what: 'The Azure Workload Identity webhook (azure-wi-webhook)',
    injects: 'AZURE_CLIENT_ID, AZURE_FEDERATED_TOKEN_FILE and the projected token',
  },
};

export function hasWebhook(platform: Exclude<Platform, 'gke'>, configs: readonly LiveWebhookConfiguration[]): boolean {
  const w = WEBHOOKS[platform];
  return configs.some((c) => w.configurations.includes(c.name) || c.webhooks.some((h) => w.webhooks.includes(h)));
}

class Stop extends Error {}

export async function checkCluster(
  expect: ClusterExpectations,
  reader: ClusterReader,
  options: CheckOptions = {},
): Promise<ClusterFinding[]> {
  const findings: ClusterFinding[] = [];
  const seen = new Set<string>();
  const report = (id: ClusterRuleId, a: Anchor, message: string): void => {
    const key = `${id}\0${a.path}\0${a.start}\0${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({
      path: a.path,
      ruleId: id,
      severity: clusterRule(id).defaultSeverity,
      message,
      start: a.start,
      end: a.end,
    });
  };
  const log = options.log ?? ((): void => undefined);
  let unreachable: string | undefined;
  const cache = new Map<string, Lookup<unknown>>();

  /** One read per key; `forbidden` is reported where it mattered; `unreachable` ends the run. */
  async function read<T>(
    key: string,
    what: string,
    anchor: Anchor,
    run: () => Promise<Lookup<T>>,
  ): Promise<Extract<Lookup<T>, { status: 'found' | 'not-found' }> | undefined> {
    if (options.signal?.aborted) throw new Stop();
    let r = cache.get(key) as Lookup<T> | undefined;
    if (!r) {
      r = await run();
      cache.set(key, r);
      log(`${what}: ${r.status}${'message' in r ? ` (${r.message})` : ''}`);
    }
    if (r.status === 'unreachable') {
      unreachable = r.message;
      throw new Stop();
    }
    if (r.status === 'forbidden') {
      report(
        'cluster/forbidden',
        anchor,
        `Could not ${what}: ${r.message}. That part was not checked; the README lists the RBAC verbs the check needs.`,
      );
      return undefined;
    }
    return r;
  }

  const platforms = [...expect.platforms];
  try {
    for (const sa of expect.serviceAccounts) {
      const what = `get ServiceAccount \`${sa.namespace}/${sa.name}\``;
      const r = await read(`sa:${sa.namespace}/${sa.name}`, what, sa.anchor, () =>
        reader.serviceAccount(sa.namespace, sa.name),
      );
      if (!r) continue;
      if (r.status === 'not-found') {
        const where = `namespace \`${sa.namespace}\`${options.context ? ` of context \`${options.context}\`` : ''}`;
        report(
          'cluster/service-account-missing',
          sa.anchor,
          sa.self
            ? `ServiceAccount \`${sa.name}\` does not exist in ${where}: this manifest is not applied yet.`
            : `ServiceAccount \`${sa.name}\` does not exist in ${where}; ${sa.usedBy} cannot create pods until it does${sa.definedIn ? ` (it is defined in ${sa.definedIn}: not applied yet?)` : ''}.`,
        );
        continue;
      }
      const live = r.value.annotations;
      if (!sa.annotations) {
        // No manifest to compare with: the live identity still says which platform machinery must be there.
        for (const platform of platformsOf(live)) platforms.push({ platform, anchor: sa.anchor, usedBy: sa.usedBy });
        continue;
      }
      for (const key of COMPARED_ANNOTATIONS) {
        const want = sa.annotations[key];
        const got = live[key];
        if (want === got) continue;
        const anchor = sa.annotationAnchors[key] ?? sa.anchor;
        const source = sa.definedIn ? `the manifest (${sa.definedIn})` : 'the manifest';
        const message =
          want === undefined
            ? `The live ServiceAccount \`${sa.namespace}/${sa.name}\` has \`${key}: ${got}\`, which ${source} does not; applying it would remove the identity.`
            : got === undefined
              ? `The live ServiceAccount \`${sa.namespace}/${sa.name}\` has no \`${key}\`; ${source} sets \`${want}\`. Pods started now run without that identity: apply the ServiceAccount.`
              : `The live ServiceAccount \`${sa.namespace}/${sa.name}\` has \`${key}: ${got}\`; ${source} says \`${want}\`.`;
        report('cluster/annotation-mismatch', anchor, message);
      }
    }

    for (const cm of expect.configMaps) {
      const what = `get ConfigMap \`${cm.namespace}/${cm.name}\``;
      const r = await read(`cm:${cm.namespace}/${cm.name}`, what, cm.anchor, () =>
        reader.configMap(cm.namespace, cm.name),
      );
      if (!r) continue;
      if (r.status === 'not-found') {
        report(
          'cluster/configmap-missing',
          cm.anchor,
          `ConfigMap \`${cm.name}\` does not exist in namespace \`${cm.namespace}\`; ${cm.usedBy} cannot start (its pods stay in ContainerCreating)${cm.definedIn ? `. It is defined in ${cm.definedIn}: not applied yet?` : '.'}`,
        );
        continue;
      }
      const keys = new Set(r.value.keys);
      for (const k of cm.keys) {
        if (keys.has(k.key)) continue;
        const have = [...keys].sort();
        report(
          'cluster/configmap-key-missing',
          k.anchor,
          `The live ConfigMap \`${cm.namespace}/${cm.name}\` has no key \`${k.key}\` (it has ${have.length ? have.map((x) => `\`${x}\``).join(', ') : 'no keys'}).`,
        );
      }
    }

    // One finding per user of a platform and file (a pod may ask twice: its label and its ServiceAccount).
    const byPlatform = new Map<Platform, PlatformExpectation[]>();
    const users = new Set<string>();
    for (const p of platforms) {
      const user = `${p.platform}\0${p.anchor.path}\0${p.usedBy}`;
      if (users.has(user)) continue;
      users.add(user);
      byPlatform.set(p.platform, [...(byPlatform.get(p.platform) ?? []), p]);
    }
    const gke = byPlatform.get('gke');
    if (gke?.length) {
      const r = await read('nodes:metadata', `list Nodes labelled ${METADATA_SERVER_SELECTOR}`, gke[0].anchor, () =>
        reader.nodesMatching(METADATA_SERVER_SELECTOR),
      );
      if (r?.status === 'found' && r.value.count === 0) {
        for (const p of gke) {
          report(
            'cluster/metadata-server-absent',
            p.anchor,
            `No node of this cluster carries \`${METADATA_SERVER_SELECTOR}\`: the GKE metadata server is not running, so ${p.usedBy} gets the node's identity, not the annotated one. Enable Workload Identity on the cluster and its node pools (--workload-pool, --workload-metadata=GKE_METADATA).`,
          );
        }
      }
    }
    for (const platform of ['eks', 'azure'] as const) {
      const list = byPlatform.get(platform);
      if (!list?.length) continue;
      const r = await read('webhooks', 'list MutatingWebhookConfigurations', list[0].anchor, () =>
        reader.mutatingWebhooks(),
      );
      if (r?.status !== 'found' || hasWebhook(platform, r.value)) continue;
      for (const p of list) {
        const w = WEBHOOKS[platform];
        report(
          'cluster/webhook-absent',
          p.anchor,
          `${w.what} is not installed (no MutatingWebhookConfiguration \`${w.configurations[0]}\` or webhook \`${w.webhooks[0]}\`): ${p.usedBy} gets no ${w.injects}.`,
        );
      }
    }
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  if (unreachable !== undefined) {
    for (const anchor of expect.files.values()) {
      report(
        'cluster/unreachable',
        anchor,
        `The cluster could not be checked${options.context ? ` (context \`${options.context}\`)` : ''}: ${unreachable}.`,
      );
    }
  }
  return findings;
}
