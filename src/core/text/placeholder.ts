/**
 * Placeholders: the parts of a value that stand for something filled in later (envsubst, kustomize, kpt, Helm,
 * Octopus, Terraform, docs samples). They are holes, never findings; the literal text around them is still judged.
 * This is the one recogniser every rule uses (the catalog's "Precision" section lists the styles).
 */

export interface Hole {
  start: number;
  end: number;
  /** A run of `x`/`X` standing for that many digits. */
  digits?: boolean;
}

/**
 * Every style, longest-first where they overlap. A bare UPPER_CASE word is letters (a trailing number allowed) with one
 * outside A–F, so an upper-case hex group of a GUID, or an id that mixes letters and digits, is still a value.
 */
const STYLES = [
  String.raw`\$\{[^{}]*\}`, // ${NAME}, ${NAME?}, ${var.project} (shell, envsubst, Terraform)
  String.raw`\{\{.*?\}\}`, // {{ … }} (Helm, Go templates)
  String.raw`#\{[^{}]*\}#?`, // #{NAME}# (Octopus, Azure DevOps token replacement)
  String.raw`\$\([A-Za-z_][\w.-]*\)`, // $(NAME) (Kubernetes env expansion, Make)
  String.raw`\$[A-Za-z_][A-Za-z0-9_]*`, // $NAME
  String.raw`<[^<>\n]+>`, // <ACCOUNT_ID>, <your project>
  String.raw`\[[A-Z][A-Z0-9_]*\]`, // [PROJECT_ID]
  String.raw`__[A-Za-z][A-Za-z0-9_]*?__`, // __NAME__
  String.raw`@[A-Z][A-Z0-9_]*@`, // @NAME@
  String.raw`%[sd]`, // format verbs
  String.raw`(?<![A-Za-z])[xX]{3,}(?![A-Za-z])`, // xxxxxxxxxxxx for digits
  String.raw`(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])`, // PROJECT_ID, PATCHED_BY_OVERLAY
  String.raw`(?<![A-Za-z0-9_])(?=[A-Z]*[G-Z])[A-Z]{3,}[0-9]*(?![A-Za-z0-9_])`, // NAMESPACE, PROJECT, ROLE
];
const PATTERN = new RegExp(STYLES.join('|'), 'g');
const MAY_HOLD = /[$<{[_@%#xXA-Z]/;

/** The placeholder parts of a value, in order (none for an ordinary value). */
export function holesOf(value: string): Hole[] {
  // Most values have none of the characters any style needs: one cheap test instead of the full pattern.
  if (value.length > 4096 || !MAY_HOLD.test(value)) return [];
  const out: Hole[] = [];
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(value); m; m = PATTERN.exec(value)) {
    if (m[0].length === 0) {
      PATTERN.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, ...(/^[xX]+$/.test(m[0]) ? { digits: true } : {}) });
  }
  return out;
}

export function hasPlaceholder(value: string): boolean {
  return holesOf(value).length > 0;
}

/** The placeholder parts themselves (`${ROLE_ARN}`, `<ACCOUNT_ID>`), for messages. */
export function placeholdersIn(value: string): string[] {
  return holesOf(value).map((h) => value.slice(h.start, h.end));
}

/**
 * A value that is nothing but one placeholder (give or take white space and quotes): nothing of it can be known.
 * With `marked`, only placeholders with delimiters count (`${X}`, `<X>`, `{{ x }}` …), not a bare UPPER_CASE word,
 * which is a placeholder only where a name, number or id belongs (an env var's name is UPPER_CASE by nature).
 */
export function isWholePlaceholder(value: string, marked = false): boolean {
  const t = value.trim().replace(/^(["'])(.*)\1$/s, '$2');
  const holes = holesOf(t);
  if (holes.length !== 1 || holes[0].start !== 0 || holes[0].end !== t.length) return false;
  return !marked || !/^[A-Za-z0-9_]+$/.test(t);
}

/**
 * Stand-ins tried for a hole: they satisfy the usual shapes of what placeholders stand for (a name or project id,
 * a 12-digit account, a 21-digit unique id or project number, a GUID, a one-letter name) and of the whole values a
 * placeholder often stands for (a service account email, a role ARN: `…/serviceAccounts/${SA_EMAIL}:generateAccessToken`).
 */
const FILLERS = [
  'abcdef1',
  '123456789012',
  '123456789012345678901',
  '00000000-0000-0000-0000-000000000000',
  'a',
  'abc-def.ghi',
  'abcdef1@abcdef1.iam.gserviceaccount.com',
  'arn:aws:iam::123456789012:role/abcdef1',
];
const MAX_HOLES = 3;

/**
 * Could this value be valid once its placeholders are filled in? A value without placeholders is simply tested.
 * With placeholders, some filling must pass for the value to count as fine; when none does, the literal text
 * around the holes is wrong (`sa@${PROJECT}.iam.gservice.com`). Too many holes to try: unknown, treated as fine.
 */
export function couldBe(value: string, valid: (filled: string) => boolean): boolean {
  const holes = holesOf(value);
  if (!holes.length) return valid(value);
  if (holes.length > MAX_HOLES || isWholePlaceholder(value)) return true;
  const choices = holes.map((h) => (h.digits ? ['0'.repeat(h.end - h.start), 'a'.repeat(h.end - h.start)] : FILLERS));
  const pick = new Array<number>(holes.length).fill(0);
  for (;;) {
    let filled = '';
    let at = 0;
    holes.forEach((h, i) => {
      filled += value.slice(at, h.start) + choices[i][pick[i]];
      at = h.end;
    });
    if (valid(filled + value.slice(at))) return true;
    let i = 0;
    while (i < holes.length && ++pick[i] === choices[i].length) pick[i++] = 0;
    if (i === holes.length) return false;
  }
}

/**
 * Do two values that should be equal agree, as far as can be known? A placeholder in either matches anything
 * (`${SA_NAME}` agrees with `my-app`, `arn:aws:iam::${ACCOUNT}:role/app` with `arn:aws:iam::123456789012:role/app`).
 */
export function mayEqual(a: string, b: string): boolean {
  if (a === b) return true;
  const ha = holesOf(a);
  const hb = holesOf(b);
  if (ha.length && hb.length) return true;
  if (!ha.length && !hb.length) return false;
  const [template, holes, concrete] = ha.length ? [a, ha, b] : [b, hb, a];
  let source = '^';
  let at = 0;
  for (const h of holes) {
    source += escapeRegExp(template.slice(at, h.start)) + '[\\s\\S]*';
    at = h.end;
  }
  return new RegExp(`${source}${escapeRegExp(template.slice(at))}$`).test(concrete);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
