// The DuckDB side of analytics_bench.cc: loads the CSV the engine's rows were written to into an
// in-memory DuckDB table and runs the same three pivot queries, median of 5 runs each.
// Usage: node duckdb_queries.mjs <values.csv> <province id> <commune id> <last year>
// Prints "load <ms> rss <MB>" and "q<i> <median ms> <sum of the answer's values>".
import { DuckDBInstance } from '@duckdb/node-api';

const [csv, province, commune, lastYear] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const threads = (await db.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
console.log(`  DuckDB ${(await db.runAndReadAll('SELECT version()')).getRows()[0][0]}, threads ${threads}`);

let t0 = performance.now();
await db.run(`CREATE TABLE v AS SELECT * FROM read_csv('${csv}', header = true, columns = {
  'element': 'TINYINT', 'sex': 'TINYINT', 'level': 'TINYINT', 'province': 'INTEGER', 'commune': 'INTEGER',
  'unit': 'INTEGER', 'year': 'SMALLINT', 'month': 'TINYINT', 'value': 'BIGINT'})`);
console.log(`load ${performance.now() - t0} rss ${process.memoryUsage().rss / 1048576}`);

const queries = [
  // national: the 34 provinces × sex × 5 years, with the engine's totals over sex
  `SELECT province, sex, year, sum(value) AS s FROM v WHERE element = 0 GROUP BY province, sex, year`,
  // one province: its communes × the 12 months of the last year
  `SELECT commune, month, sum(value) AS s FROM v WHERE element = 0 AND province = ${province}
     AND year = ${lastYear} GROUP BY commune, month`,
  // one commune: female and all people, 60 months
  `SELECT year, month, sum(value) FILTER (WHERE sex = 0) + sum(value) AS s FROM v
     WHERE element = 0 AND commune = ${commune} GROUP BY year, month`,
];
for (let i = 0; i < queries.length; ++i) {
  const times = [];
  let sum = 0n;
  for (let run = 0; run < 5; ++run) {
    t0 = performance.now();
    const rows = (await db.runAndReadAll(queries[i])).getRows();
    times.push(performance.now() - t0);
    sum = rows.reduce((a, r) => a + BigInt(r[r.length - 1]), 0n);
  }
  times.sort((a, b) => a - b);
  console.log(`q${i + 1} ${times[2]} ${sum}`);
}
db.closeSync();
instance.closeSync();
