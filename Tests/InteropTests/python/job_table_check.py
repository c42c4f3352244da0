"""Reads a warehouse table written by a Sluice job with the deltalake package and compares it
with totals Python computes from the job's CSV input.

usage: job_table_check.py ORDERS.csv TABLE_DIR OUT.json
"""

import csv
import decimal
import sys

import canonical


def main(arguments):
    csv_path, table_path, output_path = arguments
    from deltalake import DeltaTable
    expected = {}
    counts = {}
    with open(csv_path, newline="", encoding="utf-8") as source:
        for row in csv.DictReader(source):
            amount = decimal.Decimal(row["amount"]) if row["amount"] != "" else decimal.Decimal(0)
            expected[row["customer"]] = expected.get(row["customer"], decimal.Decimal(0)) + amount
            counts[row["customer"]] = counts.get(row["customer"], 0) + 1
    table = DeltaTable(table_path)
    rows = table.to_pyarrow_table().to_pylist()
    mismatches = [row["customer"] for row in rows
                  if abs(decimal.Decimal(repr(row["total"])) - expected.get(row["customer"], decimal.Decimal(-1))) >= decimal.Decimal("0.005")
                  or row["rows"] != counts.get(row["customer"])]
    canonical.write_json(output_path, {
        "version": table.version(),
        "row_count": len(rows),
        "distinct_customers": len(expected),
        "rows_sum": sum(row["rows"] for row in rows),
        "csv_row_count": sum(counts.values()),
        "mismatches": mismatches[:5],
    })


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
