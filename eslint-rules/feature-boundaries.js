'use strict';
/**
 * Feature boundaries (STYLE.md §10, docs/architecture.md): a file under src/<feature>/ may import another feature
 * only through that feature's public face, src/<other>/index.ts. The shared kernel (src/common, src/config,
 * src/database) is open to all. Files at the top of src/ (the composition root) follow the same rule.
 */
const path = require('node:path');

const SHARED = new Set(['common', 'config', 'database']);

function featureOf(srcRoot, file) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const parts = rel.split(path.sep);
  return { feature: parts.length > 1 ? parts[0] : '(root)', parts };
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: "cross-feature imports go through the other feature's index.ts" },
    schema: [{ type: 'object', properties: { srcRoot: { type: 'string' } }, additionalProperties: false }],
    messages: {
      pastFace: "'{{source}}' reaches past the public face of feature '{{feature}}': import it from src/{{feature}}/index.ts",
      tableInFace:
        "a public face exports no entity or repository ('{{source}}'): a feature's tables are its own; offer a port, or the entity list for the data source (<feature>.entities.ts)",
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const srcRoot = path.resolve(context.cwd ?? process.cwd(), options.srcRoot ?? 'src');
    const file = context.filename ?? context.getFilename();
    const from = featureOf(srcRoot, file);
    if (!from) return {};
    const isFace = from.parts.length === 2 && from.parts[1] === 'index.ts';
    function checkFaceExport(node, source) {
      if (isFace && typeof source === 'string' && /\.(entity|repository)$/.test(source)) {
        context.report({ node, messageId: 'tableInFace', data: { source } });
      }
    }
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = featureOf(srcRoot, path.resolve(path.dirname(file), source));
      if (!target || target.parts.length === 1) return;
      const feature = target.parts[0];
      if (feature === from.feature || SHARED.has(feature)) return;
      const isFace = target.parts.length === 2 && (target.parts[1] === 'index' || target.parts[1] === 'index.ts');
      if (!isFace) context.report({ node, messageId: 'pastFace', data: { source, feature } });
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => {
        if (!node.source) return;
        check(node.source, node.source.value);
        checkFaceExport(node.source, node.source.value);
      },
      ExportAllDeclaration: (node) => {
        check(node.source, node.source.value);
        checkFaceExport(node.source, node.source.value);
      },
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};
