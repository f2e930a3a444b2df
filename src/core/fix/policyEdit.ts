/**
 * Edits to a trust policy wherever it lives: text edits in the file (JSON or YAML, written the way the document writes
 * values), or inside a JSON string embedded in YAML (escaped for the host scalar's style).
 */
import type { PolicyDoc } from '../model/trust';
import type { Node, YAMLMap } from '../parse/ast';
import type { TextEdit } from '../text/finding';
import { insertPair, replaceNode, scalarText } from './yamlEdit';

export interface PolicyEditor {
  /** A string written as this document writes strings. */
  render(value: string): string;
  replace(node: unknown, text: string): TextEdit | undefined;
  /** Insert `key: valueText` as the first entry of a mapping (valueText in this document's syntax). */
  insertFirst(map: YAMLMap<Node, Node | null>, key: string, valueText: string): TextEdit | undefined;
}

export function policyEditor(p: PolicyDoc): PolicyEditor {
  const host = p.host;
  if (host.kind === 'file') {
    return {
      render: (v) => (p.json ? JSON.stringify(v) : scalarText(host.file, v)),
      replace: (node, text) => replaceNode(node, text),
      insertFirst: (map, key, valueText) => insertPair(host.file, map, key, valueText),
    };
  }
  return {
    render: (v) => JSON.stringify(v),
    replace: (node, text) => host.json.replace(node, text, host.escape),
    insertFirst: (map, key, valueText) => {
      const first = map.items[0]?.key;
      return first ? host.json.insertBefore(first, `${JSON.stringify(key)}: ${valueText}, `, host.escape) : undefined;
    },
  };
}
