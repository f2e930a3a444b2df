/**
 * The cluster side of `Check against cluster`: kubeconfig and API reads through @kubernetes/client-node.
 * Bundled on its own (dist/kube.js) and loaded only when the command runs. Reads only: get ServiceAccount,
 * get ConfigMap, list Nodes (label selector, limit 1), list MutatingWebhookConfigurations.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import {
  AdmissionregistrationV1Api,
  ApiException,
  CoreV1Api,
  KubeConfig,
  Observable,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { ClusterReader, Lookup } from '../core/cluster/check';
import { errorMessage } from '../core/text/errors';

/** A kubeconfig / context problem the user must fix; nothing was sent. */
export class ClusterSetupError extends Error {}

/** The kubeconfig files to read: the explicit path(s), else $KUBECONFIG, else ~/.kube/config (like kubectl). */
export function kubeconfigFiles(explicit?: string, env: NodeJS.ProcessEnv = process.env, home = homedir()): string[] {
  const list = explicit?.trim() || env.KUBECONFIG?.trim();
  if (list) return list.split(delimiter).filter(Boolean);
  return [join(home, '.kube', 'config')];
}

export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  server?: string;
  current: boolean;
}

export function loadKubeconfig(files: readonly string[]): KubeConfig {
  const existing = files.filter((f) => existsSync(f));
  if (!existing.length)
    throw new ClusterSetupError(
      `No kubeconfig found (looked for ${files.join(', ')}). Set workloadIdentity.kubeconfig, $KUBECONFIG or pass --kubeconfig.`,
    );
  const kc = new KubeConfig();
  for (const [i, file] of existing.entries()) {
    try {
      if (i === 0) kc.loadFromFile(file);
      else {
        const more = new KubeConfig();
        more.loadFromFile(file);
        kc.mergeConfig(more);
      }
    } catch (e) {
      throw new ClusterSetupError(`Cannot read kubeconfig ${file}: ${errorMessage(e).split('\n')[0]}`);
    }
  }
  if (!kc.getContexts().length)
    throw new ClusterSetupError(`The kubeconfig (${existing.join(', ')}) defines no contexts.`);
  return kc;
}

export function contextsOf(kc: KubeConfig): ContextInfo[] {
  const current = kc.getCurrentContext();
  return kc.getContexts().map((c) => ({
    name: c.name,
    cluster: c.cluster,
    user: c.user,
    namespace: c.namespace,
    server: kc.getCluster(c.cluster)?.server,
    current: c.name === current,
  }));
}

/** Whether the context's user runs a program to get credentials (exec plugin, legacy gcp/azure `cmd-path`). */
export function credentialCommand(kc: KubeConfig, context: string): string | undefined {
  const ctx = kc.getContextObject(context);
  const user = ctx ? kc.getUser(ctx.user) : null;
  if (user?.exec) {
    const command = (user.exec as { command?: unknown }).command;
    return typeof command === 'string' ? command : 'an exec plugin';
  }
  const cmd = (user?.authProvider as { config?: Record<string, unknown> } | undefined)?.config?.['cmd-path'];
  return typeof cmd === 'string' ? cmd : undefined;
}

export interface ConnectOptions {
  files: readonly string[];
  /** Defaults to the kubeconfig's current-context. */
  context?: string;
  /** Run exec credential plugins (only in a trusted workspace / from the CLI). */
  allowExec: boolean;
  /** Per read. */
  timeoutMs: number;
  /** The user cancelled. */
  signal?: AbortSignal;
}

export interface Connection {
  reader: ClusterReader;
  context: string;
  server: string;
  /** The context's namespace (for objects without one). */
  namespace?: string;
}

export function connect(options: ConnectOptions): Connection {
  const kc = loadKubeconfig(options.files);
  const context = options.context ?? kc.getCurrentContext();
  if (!context) throw new ClusterSetupError('The kubeconfig has no current-context; choose a context (--context).');
  const ctx = kc.getContextObject(context);
  if (!ctx)
    throw new ClusterSetupError(
      `No context \`${context}\` in the kubeconfig (it has ${kc
        .getContexts()
        .map((c) => `\`${c.name}\``)
        .join(', ')}).`,
    );
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster?.server)
    throw new ClusterSetupError(
      `Context \`${context}\` names cluster \`${ctx.cluster}\`, which the kubeconfig does not define (or it has no server).`,
    );
  const command = credentialCommand(kc, context);
  if (command && !options.allowExec) {
    throw new ClusterSetupError(
      `Context \`${context}\` gets its credentials by running \`${command}\`; programs from a kubeconfig are only run in a trusted workspace.`,
    );
  }
  kc.setCurrentContext(context);
  return { reader: new KubeReader(kc, options), context, server: cluster.server, namespace: ctx.namespace };
}

interface Status {
  message?: string;
  reason?: string;
}

function statusOf(body: unknown): Status {
  let b = body;
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch {
      return { message: (b as string).slice(0, 200) };
    }
  }
  return b && typeof b === 'object' ? b : {};
}

class KubeReader implements ClusterReader {
  private readonly core: CoreV1Api;
  private readonly admission: AdmissionregistrationV1Api;

  constructor(
    kc: KubeConfig,
    private readonly options: ConnectOptions,
  ) {
    this.core = kc.makeApiClient(CoreV1Api);
    this.admission = kc.makeApiClient(AdmissionregistrationV1Api);
  }

  serviceAccount(namespace: string, name: string): ReturnType<ClusterReader['serviceAccount']> {
    return this.call(
      (o) => this.core.readNamespacedServiceAccount({ name, namespace }, o),
      (sa) => ({ annotations: sa.metadata?.annotations ?? {} }),
    );
  }

  configMap(namespace: string, name: string): ReturnType<ClusterReader['configMap']> {
    return this.call(
      (o) => this.core.readNamespacedConfigMap({ name, namespace }, o),
      (cm) => ({ keys: [...Object.keys(cm.data ?? {}), ...Object.keys(cm.binaryData ?? {})] }),
    );
  }

  nodesMatching(labelSelector: string): ReturnType<ClusterReader['nodesMatching']> {
    return this.call(
      (o) => this.core.listNode({ labelSelector, limit: 1 }, o),
      (list) => ({ count: list.items.length }),
    );
  }

  mutatingWebhooks(): ReturnType<ClusterReader['mutatingWebhooks']> {
    return this.call(
      (o) => this.admission.listMutatingWebhookConfiguration({}, o),
      (list) =>
        list.items.map((c) => ({ name: c.metadata?.name ?? '', webhooks: (c.webhooks ?? []).map((w) => w.name) })),
    );
  }

  /** One read with a deadline and the user's cancellation, errors turned into a Lookup (never thrown). */
  private async call<R, T>(request: (options: object) => Promise<R>, pick: (r: R) => T): Promise<Lookup<T>> {
    const ms = this.options.timeoutMs;
    const limit = ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    const setSignal = {
      pre: (ctx: RequestContext) => {
        ctx.setSignal(signal);
        return new Observable(Promise.resolve(ctx));
      },
      post: (ctx: ResponseContext) => new Observable(Promise.resolve(ctx)),
    };
    // Credential plugins and TLS set-up do not all honour the signal: the deadline bounds them too.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      const fire = (): void => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      if (signal.aborted) fire();
      signal.addEventListener('abort', fire, { once: true });
      timer = setTimeout(fire, this.options.timeoutMs + 50);
    });
    try {
      const r = await Promise.race([request({ middleware: [setSignal], middlewareMergeStrategy: 'append' }), deadline]);
      return { status: 'found', value: pick(r) };
    } catch (e) {
      if (e instanceof ApiException) {
        const s = statusOf(e.body);
        const code = e.code;
        if (code === 404) return { status: 'not-found' };
        if (code === 403) return { status: 'forbidden', message: s.message ?? 'forbidden (403)' };
        if (code === 401)
          return {
            status: 'forbidden',
            message: 'the API server refused the credentials (401 Unauthorized; expired token?)',
          };
        return {
          status: 'unreachable',
          message: `the API server answered HTTP ${code}${s.message ? `: ${s.message}` : ''}`,
        };
      }
      if (this.options.signal?.aborted) return { status: 'unreachable', message: 'cancelled' };
      if (timeout.aborted) return { status: 'unreachable', message: `no answer within ${limit}` };
      return { status: 'unreachable', message: describeError(e) };
    } finally {
      clearTimeout(timer);
    }
  }
}

function describeError(e: unknown): string {
  const err = e as { message?: string; code?: string; cause?: { code?: string } };
  const code = err.code ?? err.cause?.code;
  const message = (err.message ?? String(e)).split('\n')[0];
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
