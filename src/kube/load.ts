/**
 * Loads src/kube (client-node) only when a cluster command runs: bundles require the separate dist/kube.js,
 * tests and tsx the module itself. Activation and `wi-lint` linting never load it.
 */
declare const __KUBE_MODULE__: string | undefined;

export type Kube = typeof import('./index');

let kube: Kube | undefined;

export function loadKube(): Kube {
  const id = typeof __KUBE_MODULE__ === 'string' ? __KUBE_MODULE__ : './index';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (kube ??= require(id) as Kube);
}
