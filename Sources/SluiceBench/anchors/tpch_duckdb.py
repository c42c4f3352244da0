import os, sys, time
import duckdb
# usage: tpch_duckdb.py DATA_DIR QUERY_DIR RUNS THREADS NAME...; prints "NAME best_seconds row_count" per query.
data, queries, runs, threads, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
for table in ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]:
    path = os.path.join(data, table + ".parquet").replace("'", "''")
    con.execute(f"CREATE VIEW {table} AS SELECT * FROM '{path}'")
for name in names:
    text = open(os.path.join(queries, name + ".sql")).read()
    times, rows = [], 0
    for _ in range(runs):
        t = time.perf_counter(); rows = len(con.execute(text).fetchall()); times.append(time.perf_counter() - t)
    print(name, min(times), rows, flush=True)
sys.stdout.flush()
os._exit(0)  # skip interpreter shutdown: DuckDB's threads can abort it after all work is done
