/** What files a container sees: the files each volume provides, placed under the container's mounts. */
import type { Container } from './k8s';
import type { Document } from '../parse/ast';
import { mountsOf, type ConfigMapItem, type ConfigMapSource, type Mount, type TokenSource, type Volume } from './pod';

/** POSIX join that normalises duplicate and trailing slashes (`/a/` + `b` → `/a/b`). */
export function joinMountPath(dir: string, rel: string): string {
  const parts = `${dir}/${rel}`.split('/').filter((p, i) => (p !== '' && p !== '.') || i === 0);
  return parts.join('/').replace(/\/+$/, '') || '/';
}

/** A file a volume provides, relative to the volume root. */
export interface VolumeFile {
  rel: string;
  kind: 'token' | 'configMap';
  token?: TokenSource;
  configMap?: ConfigMapSource;
  item?: ConfigMapItem;
  /** For a ConfigMap source without items: the key (the file is named like it). */
  key?: string;
}

/**
 * Files of a volume. `keysOf` lists a ConfigMap's keys (from the workspace) for sources without `items`;
 * when it returns undefined those files are unknown.
 */
export function volumeFiles(vol: Volume, keysOf: (name: string) => readonly string[] | undefined): VolumeFile[] {
  const out: VolumeFile[] = [];
  for (const t of vol.tokens) out.push({ rel: t.path, kind: 'token', token: t });
  for (const cm of vol.configMaps) {
    if (cm.items)
      for (const item of cm.items) out.push({ rel: item.path, kind: 'configMap', configMap: cm, item, key: item.key });
    else for (const key of keysOf(cm.name) ?? []) out.push({ rel: key, kind: 'configMap', configMap: cm, key });
  }
  return out;
}

/** A file as a container sees it. */
export interface ContainerFile extends VolumeFile {
  path: string;
  mount: Mount;
  volume: Volume;
}

/** Every file the container sees through its mounts of these volumes. */
export function containerFiles(
  c: Container,
  doc: Document,
  volumes: readonly Volume[],
  keysOf: (name: string) => readonly string[] | undefined,
): ContainerFile[] {
  const out: ContainerFile[] = [];
  for (const mount of mountsOf(c, doc)) {
    const volume = volumes.find((v) => v.name === mount.name);
    if (!volume) continue;
    for (const f of volumeFiles(volume, keysOf)) {
      let path: string | undefined;
      if (!mount.subPath) path = joinMountPath(mount.mountPath, f.rel);
      else if (f.rel === mount.subPath) path = joinMountPath(mount.mountPath, '');
      else if (f.rel.startsWith(`${mount.subPath.replace(/\/+$/, '')}/`))
        path = joinMountPath(mount.mountPath, f.rel.slice(mount.subPath.replace(/\/+$/, '').length + 1));
      if (path) out.push({ ...f, path, mount, volume });
    }
  }
  return out;
}

/** Whether `path` lies in a directory (or is the file) one of the container's mounts provides. */
export function isUnderMount(path: string, mounts: readonly Mount[]): Mount | undefined {
  for (const m of mounts) {
    const dir = m.mountPath.replace(/\/+$/, '');
    if (path === dir || path.startsWith(`${dir}/`)) return m;
  }
  return undefined;
}
