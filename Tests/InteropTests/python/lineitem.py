"""Dumps TPC-H lineitem as pyarrow reads it, plus aggregates computed by DuckDB.

usage: lineitem.py LINEITEM.parquet OUT.json
"""

import sys

import canonical

AGGREGATES = """
SELECT
    count(*) AS row_count,
    CAST(sum(l_quantity) AS VARCHAR) AS sum_quantity,
    CAST(sum(l_extendedprice) AS VARCHAR) AS sum_extendedprice,
    CAST(sum(l_discount) AS VARCHAR) AS sum_discount,
    count(DISTINCT l_returnflag) AS distinct_returnflag,
    count(DISTINCT l_shipmode) AS distinct_shipmode,
    datediff('day', DATE '1970-01-01', min(l_shipdate)) AS min_shipdate,
    datediff('day', DATE '1970-01-01', max(l_shipdate)) AS max_shipdate,
    count(*) FILTER (WHERE l_shipdate <= DATE '1998-09-02') AS shipped_by_q1_cutoff,
    max(l_orderkey) AS max_orderkey
FROM read_parquet(?)
"""

GROUPS = """
SELECT l_returnflag || '|' || l_linestatus AS flags, count(*) AS row_count
FROM read_parquet(?) GROUP BY ALL ORDER BY flags
"""


def main(arguments):
    path, output_path = arguments
    connection = canonical.duckdb_connection()
    cursor = connection.execute(AGGREGATES, [path])
    names = [column[0] for column in cursor.description]
    aggregates = {name: canonical.scalar_text(value) for name, value in zip(names, cursor.fetchone())}
    groups = {flags: count for flags, count in connection.execute(GROUPS, [path]).fetchall()}
    canonical.write_json(output_path, {
        "dump": canonical.arrow_dump(path),
        "aggregates": aggregates,
        "groups": groups,
    })


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
