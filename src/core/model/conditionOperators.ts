/** The condition operators IAM knows (for `trust/unknown-operator`, hover and completion). */

const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
];

/** Every condition operator IAM knows: base operators, `…IfExists`, set prefixes, and `Null`. */
export const CONDITION_OPERATORS: readonly string[] = (() => {
  const out = ['Null'];
  for (const b of BASE_OPERATORS)
    for (const prefix of ['', 'ForAllValues:', 'ForAnyValue:'])
      for (const suffix of ['', 'IfExists']) out.push(`${prefix}${b}${suffix}`);
  return out;
})();
