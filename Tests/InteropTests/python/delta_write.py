"""Writes Delta tables with the deltalake package (delta-rs), one operation per version, and
dumps what delta-rs reads back at every version (delta_dump.py's format).

usage: delta_write.py DIR OUT.json

Tables (folders in DIR):
  typed        every column type Sluice holds, unpartitioned: create, append, delete,
               overwrite, append, compact
  partitioned  partitioned by a string, an int and a date column, with null partition values
               and a value needing escaping in paths: create, append, delete of a partition,
               delete of some rows, overwrite, append, compact
No checkpoint is asked for; with fewer than delta-rs's checkpoint interval (100) commits, none
is written either.
"""

import datetime
import decimal
import os
import random
import sys

import pyarrow as pa
from deltalake import DeltaTable, WriterProperties, write_deltalake

import delta_dump

import canonical

# The typed table is written with SNAPPY, the partitioned one with delta-rs's defaults (ZSTD for
# deletes and compaction), so both codecs are read.
SNAPPY = WriterProperties(compression="SNAPPY")

TYPED_SCHEMA = pa.schema([
    pa.field("id", pa.int64(), nullable=False),
    pa.field("name", pa.string()),
    pa.field("amount", pa.float64()),
    pa.field("flag", pa.bool_()),
    pa.field("day", pa.date32()),
    pa.field("ts", pa.timestamp("us", tz="UTC")),
    pa.field("price", pa.decimal128(10, 2)),
    pa.field("blob", pa.binary()),
    pa.field("small", pa.int32()),
])

PARTITIONED_SCHEMA = pa.schema([
    pa.field("id", pa.int64(), nullable=False),
    pa.field("region", pa.string()),
    pa.field("bucket", pa.int32()),
    pa.field("day", pa.date32()),
    pa.field("amount", pa.float64()),
])

REGIONS = ["EU", "US", "Latin America/South", "a=b %c", None]


def maybe(rng, value, null_percent=15):
    return None if rng.randrange(100) < null_percent else value


def typed_rows(rng, first_id, count):
    rows = []
    for id in range(first_id, first_id + count):
        rows.append({
            "id": id,
            "name": maybe(rng, rng.choice(["alpha", "beta", "gamma", "", "naïve ☃"])),
            "amount": maybe(rng, round(rng.uniform(-100, 100), 3)),
            "flag": maybe(rng, rng.random() < 0.5),
            "day": maybe(rng, datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(-400, 400))),
            "ts": maybe(rng, datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
                        + datetime.timedelta(microseconds=rng.randrange(-10**13, 10**13))),
            "price": maybe(rng, decimal.Decimal(rng.randrange(-10**9, 10**9)).scaleb(-2)),
            "blob": maybe(rng, bytes(rng.randrange(256) for _ in range(rng.randrange(6)))),
            "small": maybe(rng, rng.randrange(-2**31, 2**31)),
        })
    return pa.Table.from_pylist(rows, schema=TYPED_SCHEMA)


def partitioned_rows(rng, first_id, count):
    rows = []
    for id in range(first_id, first_id + count):
        rows.append({
            "id": id,
            "region": rng.choice(REGIONS),
            "bucket": maybe(rng, rng.randrange(-2, 3), 20),
            "day": maybe(rng, datetime.date(2024, 3, 1) + datetime.timedelta(days=rng.randrange(3)), 20),
            "amount": maybe(rng, round(rng.uniform(0, 100), 2)),
        })
    return pa.Table.from_pylist(rows, schema=PARTITIONED_SCHEMA)


def write_typed(path, rng):
    write_deltalake(path, typed_rows(rng, 0, 300), writer_properties=SNAPPY)
    write_deltalake(path, typed_rows(rng, 300, 200), mode="append", writer_properties=SNAPPY)
    DeltaTable(path).delete("amount > 50", writer_properties=SNAPPY)
    write_deltalake(path, typed_rows(rng, 1000, 150), mode="overwrite", writer_properties=SNAPPY)
    write_deltalake(path, typed_rows(rng, 2000, 50), mode="append", writer_properties=SNAPPY)
    DeltaTable(path).optimize.compact(writer_properties=SNAPPY)


def write_partitioned(path, rng):
    partitions = ["region", "bucket", "day"]
    write_deltalake(path, partitioned_rows(rng, 0, 300), partition_by=partitions)
    write_deltalake(path, partitioned_rows(rng, 300, 300), mode="append")
    DeltaTable(path).delete("region = 'EU'")
    DeltaTable(path).delete("amount < 10")
    write_deltalake(path, partitioned_rows(rng, 1000, 200), mode="overwrite")
    write_deltalake(path, partitioned_rows(rng, 2000, 100), mode="append")
    DeltaTable(path).optimize.compact()


def main(arguments):
    directory, output_path = arguments
    paths = []
    for name, write in (("typed", write_typed), ("partitioned", write_partitioned)):
        path = os.path.join(directory, name)
        write(path, random.Random(name))
        paths.append(path)
    delta_dump.main([output_path] + paths)


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
