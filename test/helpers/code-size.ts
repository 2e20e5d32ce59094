import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A file or function past the size budget (see test/unit/code-size.test.ts). */
export interface SizeViolation {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** Absent for a whole-file violation; the function's name (or `<anonymous>`) otherwise. */
  fn?: string;
  lines: number;
}

export interface SizeLimits {
  maxFileLines: number;
  maxFunctionLines: number;
}

/** Lines a text spans, not counting a final newline. */
function lineCount(text: string): number {
  if (text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function functionName(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  // `const build = () => …`, `{ load: async () => … }`: the name is the variable's or property's.
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name)
    return parent.name.getText(source);
  return '<anonymous>';
}

/**
 * Measures one file's text: its line count and, through the TypeScript parser, the lines each function with a
 * body spans (declaration to closing brace; nested functions count towards their parent too).
 */
export function measureSource(file: string, text: string, limits: SizeLimits): SizeViolation[] {
  const violations: SizeViolation[] = [];
  const lines = lineCount(text);
  if (lines > limits.maxFileLines) violations.push({ file, lines });
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration;
      const start = source.getLineAndCharacterOfPosition(fn.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(fn.getEnd()).line;
      const span = end - start + 1;
      if (span > limits.maxFunctionLines)
        violations.push({ file, fn: functionName(fn, source), lines: span });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return violations;
}

/** Every .ts file under `dir`, measured; paths relative to `root`. */
export function measureTree(root: string, dir: string, limits: SizeLimits): SizeViolation[] {
  const files = readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
  return files.flatMap((file) => measureSource(file, readFileSync(join(root, file), 'utf8'), limits));
}

/** A stable id for a violation, used by the allow-list: "src/x.ts" or "src/x.ts#name". */
export function violationId(v: SizeViolation): string {
  return v.fn ? `${v.file}#${v.fn}` : v.file;
}
