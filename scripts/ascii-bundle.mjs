/**
 * Makes the bundle's text pure ASCII, so bin/load-cli.js can read it as one-byte text (issue 15): decoding ~4 MB
 * of UTF-8 into a two-byte string took ~10 ms of every start and twice the memory. esbuild already escapes
 * strings, templates and identifiers (charset "ascii", its default) but prints regular-expression literals as
 * written, and the planner's and chrono's patterns hold "–", "−", "₹", "’". In a regular expression `\uXXXX`
 * means the same as the character itself, with or without the u flag (a surrogate pair written as two escapes
 * is one code point under u, two code units without, as the literal is), so each is rewritten so. Any other
 * non-ASCII text (a String.raw template, say) stops the build rather than being changed.
 */
import ts from 'typescript';

export function asciiBundle(text) {
  if (!/[\u0080-\uffff]/.test(text)) return text;
  const file = ts.createSourceFile('bundle.cjs', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits = [];
  const visit = (node) => {
    if (!/[\u0080-\uffff]/.test(text.slice(node.pos, node.end))) return;
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      edits.push({ start: node.getStart(file), end: node.end, text: escapeRegExp(node.getText(file)) });
      return;
    }
    const children = node.getChildren(file);
    if (children.length === 0) {
      const at = node.getStart(file);
      throw new Error(
        `non-ASCII text outside a regular expression in the bundle: ${text.slice(at, at + 80)}`,
      );
    }
    children.forEach(visit);
  };
  visit(file);
  let out = '';
  let from = 0;
  for (const edit of edits) {
    out += text.slice(from, edit.start) + edit.text;
    from = edit.end;
  }
  out += text.slice(from);
  if (/[\u0080-\uffff]/.test(out)) throw new Error('the bundle is still not ASCII');
  return out;
}

/** One regular-expression literal with every non-ASCII UTF-16 unit as `\uXXXX`; `\–` (an identity escape) too. */
function escapeRegExp(literal) {
  const escaped = literal.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes, ch) => {
    // An odd run of backslashes escapes the character itself: "\–" is "–", so the escape replaces that one.
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
  const close = escaped.lastIndexOf('/');
  new RegExp(escaped.slice(1, close), escaped.slice(close + 1)); // still a valid pattern, or the build stops
  return escaped;
}
