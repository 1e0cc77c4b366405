// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The smartkpi developers
//
// Reference for the events benchmark: the KPIs of `smartkpi events kpi --by
// site,line,machine,shift --format csv` computed by DuckDB in one SQL query over the CSV
// event log (issue 4), written as the same CSV columns.
//
//   node tests/bench/events_duckdb.mjs --log events.csv [--threads N] [--output OUT.csv]
//       [--node-prefix DIR]
//
// Needs the npm package @duckdb/node-api, found from --node-prefix DIR (or the environment
// variable DUCKDB_NODE_PREFIX: a directory given to `npm install --prefix DIR`), else by the
// usual resolution from this file. --output defaults to standard output.
//
// Conventions, as smartkpi's: times are summed as integer milliseconds per state (PBT =
// PRODUCING + SETUP + DOWN + IDLE) and written in seconds; ideal time is an exact decimal sum
// of ideal_cycle_s × (good + scrap + rework); a ratio with a zero denominator is empty, except
// that OEE is 0 when PBT > 0 and nothing was produced.
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';

function usage(message) {
    if (message) {
        process.stderr.write(`events_duckdb: ${message}\n`);
    }
    process.stderr.write(
        'usage: node events_duckdb.mjs --log FILE [--threads N] [--output FILE] [--node-prefix DIR]\n');
    process.exit(64);
}

const options = { threads: 1, output: '-', nodePrefix: process.env.DUCKDB_NODE_PREFIX ?? '' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (value === undefined) {
        usage(`${arg} needs a value`);
    }
    i++;
    if (arg === '--log') {
        options.log = value;
    } else if (arg === '--threads') {
        options.threads = Number(value);
        if (!Number.isInteger(options.threads) || options.threads < 1) {
            usage('--threads needs a positive integer');
        }
    } else if (arg === '--output') {
        options.output = value;
    } else if (arg === '--node-prefix') {
        options.nodePrefix = value;
    } else {
        usage(`unknown option ${arg}`);
    }
}
if (!options.log) {
    usage('--log is required');
}

const require = createRequire(
    options.nodePrefix ? path.join(path.resolve(options.nodePrefix), 'package.json')
                       : import.meta.url);
const { DuckDBInstance } = require('@duckdb/node-api');

const quote = (text) => `'${text.replaceAll("'", "''")}'`;
const output = options.output === '-' ? '/dev/stdout' : path.resolve(options.output);

// Explicit types, no sniffing. Timestamps are ISO 8601 in UTC ("2026-01-05T06:00:00Z");
// ideal_cycle_s as an exact decimal (microseconds, as smartkpi keeps it).
const sql = `
COPY (
    WITH rows AS (
        SELECT site, line, machine, shift, state,
               epoch_ms("end") - epoch_ms(start) AS ms,
               good, scrap, rework, good + scrap + rework AS pq, ideal_cycle_s
        FROM read_csv(${quote(path.resolve(options.log))},
            header = true, delim = ',', quote = '"', escape = '"', auto_detect = false,
            columns = {
                'site': 'VARCHAR', 'line': 'VARCHAR', 'machine': 'VARCHAR', 'shift': 'VARCHAR',
                'start': 'TIMESTAMPTZ', 'end': 'TIMESTAMPTZ', 'state': 'VARCHAR',
                'reason': 'VARCHAR', 'good': 'BIGINT', 'scrap': 'BIGINT', 'rework': 'BIGINT',
                'ideal_cycle_s': 'DECIMAL(18,6)'})
    ),
    sums AS (
        SELECT site, line, machine, shift,
               sum(CASE WHEN state <> 'PLANNED_STOP' THEN ms ELSE 0 END) AS pbt_ms,
               sum(CASE WHEN state = 'PRODUCING' THEN ms ELSE 0 END) AS apt_ms,
               sum(CASE WHEN state = 'DOWN' THEN ms ELSE 0 END) AS adet_ms,
               sum(CASE WHEN state = 'SETUP' THEN ms ELSE 0 END) AS aust_ms,
               sum(CASE WHEN state = 'IDLE' THEN ms ELSE 0 END) AS adot_ms,
               sum(pq) AS pq, sum(good) AS gq, sum(scrap) AS sq, sum(rework) AS rq,
               sum(ideal_cycle_s * pq) AS ideal_s
        FROM rows
        GROUP BY site, line, machine, shift
    ),
    kpis AS (
        SELECT *,
               apt_ms::DOUBLE / NULLIF(pbt_ms, 0) AS availability,
               ideal_s::DOUBLE * 1000 / NULLIF(apt_ms, 0) AS effectiveness,
               gq::DOUBLE / NULLIF(pq, 0) AS quality_ratio
        FROM sums
    )
    SELECT site, line, machine, shift,
           pbt_ms::DOUBLE / 1000 AS pbt_s, apt_ms::DOUBLE / 1000 AS apt_s,
           adet_ms::DOUBLE / 1000 AS adet_s, aust_ms::DOUBLE / 1000 AS aust_s,
           adot_ms::DOUBLE / 1000 AS adot_s,
           pq, gq, sq, rq, availability, effectiveness, quality_ratio,
           CASE WHEN pbt_ms > 0 AND pq = 0 THEN 0
                ELSE availability * effectiveness * quality_ratio END AS oee
    FROM kpis
    ORDER BY site, line, machine, shift
) TO ${quote(output)} (FORMAT csv, HEADER true)`;

const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads) });
const connection = await instance.connect();
await connection.run(`SET threads = ${options.threads}`);
await connection.run(sql);
connection.closeSync();
instance.closeSync();
