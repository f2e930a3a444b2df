/** Path helpers on '/'-separated keys, so the core behaves the same for CLI paths and editor URIs. */
/** Already normal (most keys, asked again and again): no backslash, no empty, `.` or `..` segment, no trailing slash. */
function isNormal(p: string): boolean {
  return (
    !p.includes('\\') &&
    !p.includes('//') &&
    !p.endsWith('/') &&
    !/(^|\/)\.\.?(\/|$)/.test(p) &&
    !/^\/[A-Za-z]:/.test(p)
  );
}

export function normalizePath(p: string): string {
  if (isNormal(p)) return p;
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

/** `to` relative to the folder of `from` (for messages: "defined in ../base/sa.yaml"). */
export function relativeTo(from: string, to: string): string {
  const a = dirnameOf(from).split('/').filter(Boolean);
  const b = normalizePath(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  if (i === 0 && a.length && b.length && a[0] !== b[0]) return normalizePath(to);
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}
