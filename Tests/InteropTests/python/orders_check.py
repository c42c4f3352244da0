"""Compares a CSV file with the Parquet file imported from it: the CSV side by Python's csv
module, the Parquet side by DuckDB.

usage: orders_check.py ORDERS.csv ORDERS.parquet OUT.json
"""

import csv
import decimal
import sys

import canonical


def main(arguments):
    csv_path, parquet_path, output_path = arguments
    with open(csv_path, newline="", encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    amounts = [row["amount"] for row in rows if row["amount"] != ""]
    connection = canonical.duckdb_connection()
    row_count, amount_sum, amount_nulls, distinct_status = connection.execute(
        "SELECT count(*), sum(amount), count(*) - count(amount), count(DISTINCT status) FROM read_parquet(?)",
        [parquet_path]).fetchone()
    types = {name: kind for name, kind, *_ in
             connection.execute("DESCRIBE SELECT * FROM read_parquet(?)", [parquet_path]).fetchall()}
    canonical.write_json(output_path, {
        "csv": {
            "row_count": len(rows),
            "amount_sum": str(sum((decimal.Decimal(a) for a in amounts), decimal.Decimal(0))),
            "amount_nulls": len(rows) - len(amounts),
            "distinct_status": len({row["status"] for row in rows}),
        },
        "duckdb": {
            "row_count": row_count,
            "amount_sum": repr(amount_sum),
            "amount_nulls": amount_nulls,
            "distinct_status": distinct_status,
            "types": types,
        },
    })


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
