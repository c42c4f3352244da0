"""Writes a file of 100,000 sorted rows in 10 row groups, for row group pruning.

usage: write_sorted_ints.py OUT.parquet

Columns: x int64 = 0..99999, key string = "k" + x zero-padded to 5 digits, and maybe int32 that
is null in every row of the first row group.
"""

import sys

import pyarrow as pa
import pyarrow.parquet as pq

ROW_COUNT = 100_000
ROW_GROUP_ROW_COUNT = 10_000


def main(arguments):
    (path,) = arguments
    x = list(range(ROW_COUNT))
    table = pa.table({
        "x": pa.array(x, pa.int64()),
        "key": pa.array([f"k{value:05d}" for value in x], pa.string()),
        "maybe": pa.array([None if value < ROW_GROUP_ROW_COUNT else value % 1000 for value in x], pa.int32()),
    })
    pq.write_table(table, path, row_group_size=ROW_GROUP_ROW_COUNT, compression="snappy")
    metadata = pq.ParquetFile(path).metadata
    if metadata.num_row_groups != ROW_COUNT // ROW_GROUP_ROW_COUNT:
        raise SystemExit(f"expected 10 row groups, pyarrow wrote {metadata.num_row_groups}")


if __name__ == "__main__":
    main(sys.argv[1:])
