import type { Rule } from '../types';
import { code } from '../util';

/** Reported for a whole file that was not read (template, binary, too large) and for each document with a syntax error. */
export const rule: Rule = {
  id: 'lint/skipped',
  defaultSeverity: 'info',
  description: 'A file or document that was not checked (syntax error, template, size, binary), with the reason.',
  check(ctx) {
    const parsed = ctx.file.parsed;
    if (parsed.skipped) {
      const how =
        parsed.skipped.reason === 'template'
          ? ' Lint the rendered output instead: `helm template CHART | wi-lint -`.'
          : parsed.skipped.reason === 'too-large' || parsed.skipped.reason === 'unavailable'
            ? ''
            : ' Only YAML, JSON and Terraform text is read.';
      ctx.report({
        start: 0,
        end: 0,
        message: `This file was not checked: ${parsed.skipped.message.replace(/^skipped: /, '').replace('({{ … }})', '(`{{ … }}`)')}.${how}`,
      });
      return;
    }
    for (const b of parsed.terraform?.brokenBlocks ?? []) {
      ctx.report({
        start: b.offset,
        end: b.offset,
        message: `${code(b.address)} was not checked: it has a syntax error here. Fix the syntax and it is checked again.`,
      });
    }
    for (const d of parsed.docs) {
      if (!d.errors.length) continue;
      const first = d.errors[0];
      ctx.report({
        start: first.offset,
        end: first.offset,
        message: `This document was not checked: it has a syntax error (${code(first.message.split('\n')[0].replace(/\s+at line \d+, column \d+:?$/, ''))}). Fix the syntax and it is checked again.`,
      });
    }
  },
};
