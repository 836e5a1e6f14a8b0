import type Database from "better-sqlite3"

/**
 * Makes `db.prepare(sql)` return the same compiled statement for the same SQL text. The stores call
 * `prepare` at each use (about 25 times per sign-in), and compiling SQL costs more than running these
 * one-row statements. Safe here: every SQL string is a literal (a bounded set), and no code iterates
 * a statement while another use could run it.
 */
export function cacheStatements<T extends Database.Database>(db: T): T {
  const compile = db.prepare.bind(db)
  const cache = new Map<string, Database.Statement>()
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql)
    if (!statement) cache.set(sql, (statement = compile(sql)))
    return statement
  }) as T["prepare"]
  return db
}
