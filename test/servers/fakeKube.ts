/**
 * A loopback Kubernetes API server for tests: the paths and JSON bodies @kubernetes/client-node requests and reads
 * (ServiceAccount, ConfigMap, Node list, MutatingWebhookConfiguration list, `Status` bodies for 401/403/404/500),
 * over plain HTTP (the kubeconfig sets `insecure-skip-tls-verify: true`, which client-node requires for http://).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeObject {
  annotations?: Record<string, string>;
  data?: Record<string, string>;
  labels?: Record<string, string>;
}

export interface FakeKubeState {
  /** `ns/name` → ServiceAccount */
  serviceAccounts: Map<string, FakeObject>;
  /** `ns/name` → ConfigMap */
  configMaps: Map<string, FakeObject>;
  nodes: Array<{ name: string; labels: Record<string, string> }>;
  webhooks: Array<{ name: string; webhooks: string[] }>;
  /** Paths (regex on the URL path) answered 403 with a Forbidden Status. */
  forbidden: RegExp[];
  /** Answer every request with this status (401, 500…). */
  failAll?: number;
  /** Never answer (tests the timeout). */
  hang?: boolean;
  /** The bearer token the server expects (401 otherwise). */
  token: string;
}

export interface Recorded {
  method: string;
  path: string;
  query: string;
  authorization?: string;
}

export interface FakeKube {
  url: string;
  state: FakeKubeState;
  requests: Recorded[];
  /** Write a kubeconfig for this server; `exec` makes the user run a credential plugin instead of a token. */
  kubeconfig(options?: { context?: string; namespace?: string; exec?: string; extraContexts?: string[] }): string;
  close(): Promise<void>;
}

function status(res: ServerResponse, code: number, reason: string, message: string, details?: object): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      details,
      code,
    }),
  );
}

function json(res: ServerResponse, body: object): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const RESOURCE = /^\/api\/v1\/namespaces\/([^/]+)\/(serviceaccounts|configmaps)\/([^/]+)$/;

export async function startFakeKube(initial: Partial<FakeKubeState> = {}): Promise<FakeKube> {
  const state: FakeKubeState = {
    serviceAccounts: new Map(),
    configMaps: new Map(),
    nodes: [],
    webhooks: [],
    forbidden: [],
    token: 'test-token-not-a-secret',
    ...initial,
  };
  const requests: Recorded[] = [];
  const hanging: ServerResponse[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.search,
      authorization: req.headers.authorization,
    });
    if (state.hang) {
      hanging.push(res);
      return;
    }
    if (state.failAll)
      return status(
        res,
        state.failAll,
        state.failAll === 401 ? 'Unauthorized' : 'InternalError',
        state.failAll === 401 ? 'Unauthorized' : 'etcdserver: request timed out',
      );
    if (req.headers.authorization !== `Bearer ${state.token}`) return status(res, 401, 'Unauthorized', 'Unauthorized');
    if (req.method !== 'GET')
      return status(res, 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const m = RESOURCE.exec(url.pathname);
    if (state.forbidden.some((r) => r.test(url.pathname))) {
      const resource = m?.[2] ?? url.pathname.split('/').filter(Boolean).pop() ?? '';
      const verb = m ? 'get' : 'list';
      const scope = m ? ` in the namespace "${m[1]}"` : ' at the cluster scope';
      const group = url.pathname.startsWith('/apis/') ? url.pathname.split('/')[2] : '';
      return status(
        res,
        403,
        'Forbidden',
        `${resource}${m ? ` "${m[3]}"` : ''} is forbidden: User "dev@example.com" cannot ${verb} resource "${resource}" in API group "${group}"${scope}`,
        { name: m?.[3], kind: resource },
      );
    }
    if (m) {
      const [, ns, resource, name] = m;
      const found = (resource === 'serviceaccounts' ? state.serviceAccounts : state.configMaps).get(`${ns}/${name}`);
      if (!found) return status(res, 404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
      const metadata = {
        name,
        namespace: ns,
        uid: '6a1c0d8e-0000-4000-8000-000000000001',
        resourceVersion: '1',
        annotations: found.annotations,
        labels: found.labels,
      };
      if (resource === 'serviceaccounts') return json(res, { kind: 'ServiceAccount', apiVersion: 'v1', metadata });
      return json(res, { kind: 'ConfigMap', apiVersion: 'v1', metadata, data: found.data ?? {} });
    }
    if (url.pathname === '/api/v1/nodes') {
      const selector = url.searchParams.get('labelSelector') ?? '';
      const [k, v] = selector.split('=');
      const limit = Number(url.searchParams.get('limit') ?? '0') || Infinity;
      const items = state.nodes.filter((n) => !selector || n.labels[k] === v).slice(0, limit);
      return json(res, {
        kind: 'NodeList',
        apiVersion: 'v1',
        metadata: { resourceVersion: '1' },
        items: items.map((n) => ({ metadata: { name: n.name, labels: n.labels }, spec: {}, status: {} })),
      });
    }
    if (url.pathname === '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations') {
      return json(res, {
        kind: 'MutatingWebhookConfigurationList',
        apiVersion: 'admissionregistration.k8s.io/v1',
        metadata: { resourceVersion: '1' },
        items: state.webhooks.map((w) => ({
          metadata: { name: w.name },
          webhooks: w.webhooks.map((name) => ({
            name,
            admissionReviewVersions: ['v1'],
            sideEffects: 'None',
            clientConfig: { service: { name: 'webhook', namespace: 'kube-system' } },
          })),
        })),
      });
    }
    return status(res, 404, 'NotFound', 'the server could not find the requested resource');
  };
  const server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'wi-kube-'));
  let n = 0;
  return {
    url,
    state,
    requests,
    kubeconfig(o = {}) {
      const context = o.context ?? 'fake';
      const contexts = [context, ...(o.extraContexts ?? [])];
      const user = o.exec
        ? `    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: ${o.exec}\n      interactiveMode: Never\n`
        : `    token: ${state.token}\n`;
      const text = [
        'apiVersion: v1',
        'kind: Config',
        `current-context: ${context}`,
        'clusters:',
        '- name: fake',
        '  cluster:',
        `    server: ${url}`,
        '    insecure-skip-tls-verify: true',
        'users:',
        '- name: dev',
        '  user:',
        user.trimEnd(),
        'contexts:',
        ...contexts.flatMap((c) => [
          `- name: ${c}`,
          '  context:',
          '    cluster: fake',
          '    user: dev',
          ...(o.namespace ? [`    namespace: ${o.namespace}`] : []),
        ]),
        '',
      ].join('\n');
      const file = join(dir, `kubeconfig-${++n}`);
      writeFileSync(file, text);
      return file;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
