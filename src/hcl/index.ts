/**
 * web-tree-sitter, bundled on its own into dist/hcl.js (beside tree-sitter.wasm and tree-sitter-terraform.wasm) so the
 * extension and the CLI load it only when a `.tf` file is read (src/core/parse/hcl.ts).
 */
export { Language, Parser } from 'web-tree-sitter';
