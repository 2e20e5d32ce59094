import type { DuckDBConnection } from '@duckdb/node-api';
import { AppError } from '../errors.js';
import {
  ALLOWED_EXPRESSION_CLASSES,
  ALLOWED_FUNCTIONS,
  ALLOWED_QUERY_NODES,
  ALLOWED_TABLE_REFS,
  SIZE_RULES,
  type SizeRule,
} from './sql-allow-list.js';

export const ONLY_ONE_SELECT = 'Only one read-only SELECT statement is allowed.';
/** Longer than any question needs; parsing stays cheap and no constant can be smuggled in by sheer size. */
export const MAX_SQL_CHARS = 20_000;

const WAREHOUSE_ONLY = 'queries may read only the warehouse tables with everyday functions';

/**
 * The guard for SQL from outside our compiler. It is an allow-list over DuckDB's own parse tree
 * (`json_serialize_sql`), not patterns over the text: the tree is what DuckDB will run, so quoting tricks
 * ("DuckDB_Settings"(), comments, odd spacing, string escapes) cannot hide a call from it, and anything it does not
 * recognise is refused rather than let through. Only parsing happens here (extractStatements and
 * json_serialize_sql never execute or constant-fold the query), so a hostile statement costs nothing to refuse;
 * binding and running happen in the query worker. The locked-down database settings stay the first wall.
 *
 * Allowed: exactly one SELECT (or WITH … SELECT, UNION …) whose relations are the warehouse's own tables and views
 * or its CTEs, whose functions are on ALLOWED_FUNCTIONS, and whose size-taking builders get small constants.
 */
export interface GuardScope {
  /** The warehouse's own tables and views. */
  relations: ReadonlySet<string>;
  /** Their columns: a bare name that is neither a column nor an alias is a special value (current_user…). */
  columns: ReadonlySet<string>;
}

export async function checkGuardedSql(conn: DuckDBConnection, sql: string, scope: GuardScope): Promise<void> {
  if (!sql.trim()) throw new AppError('SQL_INVALID', 'The query is empty. ' + ONLY_ONE_SELECT);
  if (sql.length > MAX_SQL_CHARS)
    throw new AppError(
      'SQL_INVALID',
      `The query is too long (over ${MAX_SQL_CHARS.toLocaleString('en-IN')} characters).`,
    );
  let count: number;
  try {
    count = (await conn.extractStatements(sql)).count;
  } catch (error) {
    throw new AppError('SQL_INVALID', 'The query could not be parsed; check its syntax.', {
      cause: error,
      detail: firstLine(error),
    });
  }
  if (count === 0) throw new AppError('SQL_INVALID', 'The query is empty. ' + ONLY_ONE_SELECT);
  if (count > 1)
    throw new AppError('SQL_MULTIPLE_STATEMENTS', ONLY_ONE_SELECT, { detail: `${count} statements` });

  // DuckDB serialises only SELECT statements; anything else (COPY, SET, PRAGMA, ATTACH…) is refused here.
  const tree = await serialisedTree(conn, sql);
  if (!tree) throw new AppError('SQL_NOT_READ_ONLY', ONLY_ONE_SELECT);
  const refusal = findRefusal(tree, scope);
  if (refusal?.startsWith(UNKNOWN_NAME))
    throw new AppError(
      'SQL_INVALID',
      `The query names a column that is not in the warehouse (${refusal.slice(UNKNOWN_NAME.length)}).`,
    );
  if (refusal)
    throw new AppError(
      'SQL_FORBIDDEN',
      `The query uses ${refusal}, which is not allowed: ${WAREHOUSE_ONLY}.`,
    );
}

async function serialisedTree(conn: DuckDBConnection, sql: string): Promise<unknown> {
  const reader = await conn.runAndReadAll('SELECT json_serialize_sql($1::VARCHAR)', [sql]);
  const json = JSON.parse(String(reader.getRowsJS()[0]![0])) as { error?: boolean; statements?: unknown[] };
  if (json.error || !Array.isArray(json.statements) || json.statements.length !== 1) return null;
  return json.statements[0];
}

/**
 * Walks the whole tree and returns what is not allowed (as words for the user), or null. Three kinds of object
 * are recognised by their shape: expressions carry `class`, query nodes carry `modifiers`, table references carry
 * `sample`. Every other object is a container whose values are walked too, so nothing is skipped.
 */
export function findRefusal(tree: unknown, scope: GuardScope): string | null {
  const names = definedNames(tree);
  const relations = new Set([...scope.relations].map((r) => r.toLowerCase()));
  for (const name of names.ctes) relations.add(name);
  const columns = new Set([...scope.columns].map((c) => c.toLowerCase()));
  for (const name of names.aliases) columns.add(name);
  // A forbidden relation or function outranks an unknown name (`SELECT name FROM duckdb_settings()`).
  const unknown: string[] = [];
  return walk(tree, { relations, columns, unknown }) ?? unknown[0] ?? null;
}

const UNKNOWN_NAME = 'unknown name:';

interface Known {
  relations: ReadonlySet<string>;
  columns: ReadonlySet<string>;
  unknown: string[];
}

function walk(node: unknown, known: Known): string | null {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = walk(item, known);
      if (found) return found;
    }
    return null;
  }
  if (node === null || typeof node !== 'object') return null;
  const record = node as Record<string, unknown>;
  const own =
    typeof record.class === 'string'
      ? checkExpression(record, known)
      : 'modifiers' in record && typeof record.type === 'string'
        ? checkQueryNode(record)
        : 'sample' in record && typeof record.type === 'string'
          ? checkTableRef(record, known.relations)
          : null;
  if (own) return own;
  for (const value of Object.values(record)) {
    const found = walk(value, known);
    if (found) return found;
  }
  return null;
}

function checkExpression(expr: Record<string, unknown>, known: Known): string | null {
  const kind = String(expr.class);
  if (kind === 'COLUMN_REF') {
    // The last part is the column (a.amount); a bare keyword such as current_user binds to a special value.
    const parts = (expr.column_names as unknown[] | undefined) ?? [];
    const column = String(parts[parts.length - 1] ?? '');
    if (!known.columns.has(column.toLowerCase())) known.unknown.push(`${UNKNOWN_NAME}${quoted(column)}`);
    return null;
  }
  if (kind === 'PARAMETER') return 'a parameter or variable';
  if (kind === 'LAMBDA' || kind === 'LAMBDA_REF') return 'a lambda (list function)';
  if (!ALLOWED_EXPRESSION_CLASSES.has(kind)) return `a ${kind.toLowerCase()} expression`;
  if (typeof expr.function_name !== 'string') return null;
  const name = expr.function_name.toLowerCase();
  // A qualified name (main.sum, system.main.duckdb_settings) could reach a macro or an internal schema.
  if (expr.schema || expr.catalog) return `the qualified function ${quoted(expr.function_name)}`;
  if (!ALLOWED_FUNCTIONS.has(name)) return `the function ${quoted(expr.function_name, '()')}`;
  const children = (expr.children as unknown[] | undefined) ?? [];
  for (const rule of SIZE_RULES.get(name) ?? []) {
    if (!withinRule(children[rule.index], rule))
      return `${name}() with ${rule.kind === 'number' ? 'a length' : 'a text'} that is not a small constant (at most ${rule.max}${rule.kind === 'string' ? ' characters' : ''})`;
  }
  return null;
}

function withinRule(arg: unknown, rule: SizeRule): boolean {
  if (arg === undefined) return rule.optional === true;
  const value = constantValue(arg);
  if (rule.kind === 'number') return typeof value === 'number' && value <= rule.max;
  return typeof value === 'string' && value.length <= rule.max;
}

function checkQueryNode(node: Record<string, unknown>): string | null {
  const type = String(node.type);
  if (type === 'RECURSIVE_CTE_NODE') return 'WITH RECURSIVE';
  return ALLOWED_QUERY_NODES.has(type) ? null : `a ${type.toLowerCase().replace(/_/g, ' ')}`;
}

function checkTableRef(ref: Record<string, unknown>, relations: ReadonlySet<string>): string | null {
  const type = String(ref.type);
  if (type === 'TABLE_FUNCTION') {
    const fn = (ref.function as { function_name?: unknown } | undefined)?.function_name;
    return `the table function ${quoted(String(fn ?? 'unknown'), '()')}`;
  }
  if (type === 'SHOW_REF') return 'SHOW / DESCRIBE / SUMMARIZE';
  if (!ALLOWED_TABLE_REFS.has(type)) return `a ${type.toLowerCase().replace(/_/g, ' ')} in FROM`;
  if (type !== 'BASE_TABLE') return null;
  const table = String(ref.table_name ?? '');
  if (ref.at_clause) return 'a time-travel (AT) clause';
  // `FROM '/etc/passwd'` is a replacement scan: a "table" that is really a path or URL.
  if (/[/\\:.]/.test(table)) return `the file ${quoted(table)}`;
  const schema = String(ref.schema_name ?? '').toLowerCase();
  const catalog = String(ref.catalog_name ?? '');
  if (catalog || (schema && schema !== 'main')) return `the table ${quoted(`${schema}.${table}`)}`;
  if (!relations.has(table.toLowerCase())) return `the table ${quoted(table)}`;
  return null;
}

/** Every CTE name and every alias (of a column, a table or a CTE's columns) defined anywhere in the tree. */
function definedNames(
  node: unknown,
  out = { ctes: new Set<string>(), aliases: new Set<string>() },
): { ctes: Set<string>; aliases: Set<string> } {
  if (Array.isArray(node)) {
    for (const item of node) definedNames(item, out);
    return out;
  }
  if (node === null || typeof node !== 'object') return out;
  const record = node as Record<string, unknown>;
  const map = (record.cte_map as { map?: { key?: unknown }[] } | undefined)?.map;
  if (Array.isArray(map))
    for (const entry of map) if (typeof entry.key === 'string') out.ctes.add(entry.key.toLowerCase());
  if (typeof record.alias === 'string' && record.alias) out.aliases.add(record.alias.toLowerCase());
  for (const key of ['column_name_alias', 'aliases']) {
    const list = record[key];
    if (Array.isArray(list))
      for (const a of list) if (typeof a === 'string') out.aliases.add(a.toLowerCase());
  }
  for (const value of Object.values(record)) definedNames(value, out);
  return out;
}

/** A constant (or a cast of one) as a number or string; undefined when the argument is not a constant. */
function constantValue(node: unknown): number | string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  if (record.class === 'CAST') return constantValue(record.child);
  if (record.class !== 'CONSTANT') return undefined;
  const constant = record.value as { value?: unknown; type?: { id?: string } } | undefined;
  const value = constant?.value;
  if (typeof value === 'string' && constant?.type?.id === 'VARCHAR') return value;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A name from the query, for the message: harmless characters only, and short (it echoes hostile input). */
function quoted(name: string, suffix = ''): string {
  return `"${name.replace(/[^\w .:/-]/g, '').slice(0, 60)}${suffix}"`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
