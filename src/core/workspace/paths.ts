/** Path helpers on '/'-separated keys, so the core behaves the same for CLI paths and editor URIs. */
export function normalizePath(p: string): string {
  const parts: string[] = [];
  const s = p.replace(/\\/g, '/');
  const absolute = s.startsWith('/');
  for (const part of s.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  const joined = parts.join('/');
  const drive = /^[A-Za-z]:/.test(joined);
  return absolute && !drive ? `/${joined}` : joined;
}

export function dirnameOf(p: string): string {
  const s = normalizePath(p);
  const i = s.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : s.slice(0, i);
}

export function basenameOf(p: string): string {
  const s = normalizePath(p);
  return s.slice(s.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, rel: string): string {
  return normalizePath(rel.startsWith('/') ? rel : `${dir}/${rel}`);
}
