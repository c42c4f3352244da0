"""Writes a file of 100,000 sorted rows in 10 row groups of 10,000, for row group pruning.

usage: write_sorted_ints.py OUT.parquet [--no-statistics]

Columns, all increasing with x: x int64 = 0..99999; key string = "k" + x zero-padded to 5
digits; maybe int32, null in every row of the first row group; day date32 = 19000 + x // 100
(2022-01-08 onwards); amount decimal128(20, 2) = x / 100 (stored FIXED_LEN_BYTE_ARRAY);
moment timestamp[ms] = x seconds after the epoch.
"""

import decimal
import sys

import pyarrow as pa
import pyarrow.parquet as pq

import canonical

ROW_COUNT = 100_000
ROW_GROUP_ROW_COUNT = 10_000


def main(arguments):
    path, *flags = arguments
    x = list(range(ROW_COUNT))
    table = pa.table({
        "x": pa.array(x, pa.int64()),
        "key": pa.array([f"k{value:05d}" for value in x], pa.string()),
        "maybe": pa.array([None if value < ROW_GROUP_ROW_COUNT else value % 1000 for value in x], pa.int32()),
        "day": pa.array([19000 + value // 100 for value in x], pa.date32()),
        "amount": pa.array([decimal.Decimal(value).scaleb(-2) for value in x], pa.decimal128(20, 2)),
        "moment": pa.array([value * 1000 for value in x], pa.timestamp("ms")),
    })
    pq.write_table(table, path, row_group_size=ROW_GROUP_ROW_COUNT, compression="snappy",
                   write_statistics="--no-statistics" not in flags)
    metadata = pq.ParquetFile(path).metadata
    if metadata.num_row_groups != ROW_COUNT // ROW_GROUP_ROW_COUNT:
        raise SystemExit(f"expected 10 row groups, pyarrow wrote {metadata.num_row_groups}")


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
