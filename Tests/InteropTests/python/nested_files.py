"""Nested Parquet files (structs, lists, maps) as pyarrow writes and reads them.

usage: nested_files.py dump OUT.json FILE.parquet...
       nested_files.py write DIRECTORY

`dump` writes, for each file's base name, what pyarrow reads from it: field names, arrow types
and nullability, and every row as canonical JSON (or {"error": message} when pyarrow fails).
`write` writes nested files with pyarrow in many layouts (dictionary or plain, data pages v1
or v2, several codecs, small pages and row groups, legacy list naming) and DIRECTORY/manifest.json
mapping each file's name to its dump.

Canonical JSON of a value: null for null; a struct as an object by field name; a list as an
array; a map as an array of [key, value] pairs in file order; a primitive as the string
canonical.py gives it (dates as days since 1970-01-01, timestamps as microseconds since the
epoch, decimals with exactly `scale` digits after the point).
"""

import datetime
import decimal
import os
import random
import sys
import traceback

import pyarrow as pa
import pyarrow.parquet as pq

import canonical

EPOCH_DATE = datetime.date(1970, 1, 1)
EPOCH_NAIVE = datetime.datetime(1970, 1, 1)
EPOCH_UTC = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
ONE_MICROSECOND = datetime.timedelta(microseconds=1)


def canonical_value(value, kind):
    """The canonical JSON of one value of arrow type `kind`, as to_pylist hands it out."""
    if value is None:
        return None
    if pa.types.is_struct(kind):
        return {kind.field(i).name: canonical_value(value[kind.field(i).name], kind.field(i).type)
                for i in range(kind.num_fields)}
    if pa.types.is_map(kind):
        return [[canonical_value(k, kind.key_type), canonical_value(v, kind.item_type)] for k, v in value]
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return [canonical_value(item, kind.value_type) for item in value]
    if pa.types.is_date32(kind):
        return str((value - EPOCH_DATE).days)
    if pa.types.is_timestamp(kind):
        epoch = EPOCH_UTC if value.tzinfo is not None else EPOCH_NAIVE
        return str((value - epoch) // ONE_MICROSECOND)
    if pa.types.is_decimal(kind):
        return format(value, "f")
    return canonical.scalar_text(value)


def nested_dump(path):
    table = pq.read_table(path)
    fields = [{"name": f.name, "type": str(f.type), "nullable": f.nullable} for f in table.schema]
    kinds = [f.type for f in table.schema]
    rows = []
    for row in table.to_pylist():
        rows.append([canonical_value(row[f.name], kind) for f, kind in zip(table.schema, kinds)])
    metadata = pq.ParquetFile(path).metadata
    return {"fields": fields, "row_count": table.num_rows, "row_group_count": metadata.num_row_groups, "rows": rows}


def dump_or_error(path):
    try:
        return nested_dump(path)
    except Exception as error:  # reported to the Swift side, which fails the test
        return {"error": f"{type(error).__name__}: {error}\n{traceback.format_exc()}"}


# MARK: - Writing

def element(kind, nullable=True):
    return pa.field("element", kind, nullable=nullable)


POINT = pa.struct([pa.field("x", pa.int32(), nullable=False), pa.field("label", pa.string())])
SCHEMA = pa.schema([
    pa.field("id", pa.int64(), nullable=False),
    pa.field("record", pa.struct([
        pa.field("a", pa.int32()),
        pa.field("b", pa.string()),
        pa.field("inner", pa.struct([pa.field("flag", pa.bool_()), pa.field("scores", pa.list_(pa.float64()))])),
    ])),
    pa.field("names", pa.list_(pa.string())),
    pa.field("required_names", pa.list_(element(pa.string(), nullable=False)), nullable=False),
    pa.field("grid", pa.list_(pa.list_(pa.int64()))),
    pa.field("points", pa.list_(POINT)),
    pa.field("counts", pa.map_(pa.string(), pa.int64())),
    pa.field("details", pa.map_(pa.string(), pa.struct([pa.field("note", pa.string()), pa.field("codes", pa.list_(pa.int32()))]))),
    pa.field("by_number", pa.map_(pa.int32(), pa.list_(pa.string()))),
    pa.field("when", pa.struct([pa.field("day", pa.date32()), pa.field("at", pa.timestamp("us", tz="UTC"))])),
    pa.field("prices", pa.list_(pa.decimal128(9, 2))),
    pa.field("total", pa.decimal128(38, 10)),
    pa.field("blobs", pa.list_(pa.binary())),
])

WORDS = ["", "a", "delta", "Zürich", "日本語", "🍕", "part=1", "x" * 40]


def random_value(rng, kind, nullable=True, null_percent=20):
    """A random value of arrow type `kind` in to_pylist form, null now and then."""
    if nullable and rng.randrange(100) < null_percent:
        return None
    if pa.types.is_struct(kind):
        return {kind.field(i).name: random_value(rng, kind.field(i).type, kind.field(i).nullable)
                for i in range(kind.num_fields)}
    if pa.types.is_map(kind):
        count = rng.choice([0, 0, 1, 2, 3])
        keys = rng.sample(range(1000), count)
        return [(random_key(rng, kind.key_type, number), random_value(rng, kind.item_type, kind.item_field.nullable))
                for number in keys]
    if pa.types.is_list(kind):
        count = rng.choice([0, 1, 1, 2, 3, 5])
        return [random_value(rng, kind.value_type, kind.value_field.nullable) for _ in range(count)]
    if pa.types.is_boolean(kind):
        return rng.random() < 0.5
    if pa.types.is_int32(kind):
        return rng.choice([rng.randrange(-1000, 1000), -2**31, 2**31 - 1, 0])
    if pa.types.is_int64(kind):
        return rng.choice([rng.randrange(-10**6, 10**6), -2**63, 2**63 - 1, 0])
    if pa.types.is_float64(kind):
        return rng.choice([rng.uniform(-1e6, 1e6), 0.0, -0.0, 1e-300, float("inf")])
    if pa.types.is_string(kind):
        return rng.choice(WORDS)
    if pa.types.is_binary(kind):
        return bytes(rng.randrange(256) for _ in range(rng.randrange(6)))
    if pa.types.is_date32(kind):
        return EPOCH_DATE + datetime.timedelta(days=rng.randrange(-700_000, 2_900_000))
    if pa.types.is_timestamp(kind):
        return EPOCH_UTC + datetime.timedelta(microseconds=rng.randrange(-6 * 10**16, 2 * 10**17))
    if pa.types.is_decimal(kind):
        unscaled = rng.randrange(-10**kind.precision + 1, 10**kind.precision)
        return decimal.Decimal(unscaled).scaleb(-kind.scale)
    raise TypeError(f"no random values for {kind}")


def random_key(rng, kind, number):
    if pa.types.is_string(kind):
        return f"key{number}"
    return number


def random_table(seed, row_count, schema=SCHEMA):
    rng = random.Random(seed)
    columns = {}
    for field in schema:
        if field.name == "id":
            columns["id"] = list(range(row_count))
        else:
            columns[field.name] = [random_value(rng, field.type, field.nullable) for _ in range(row_count)]
    return pa.Table.from_pydict(columns, schema=schema)


CHECKPOINT_MAP = pa.map_(pa.string(), pa.string())
CHECKPOINT_SCHEMA = pa.schema([
    pa.field("txn", pa.struct([pa.field("appId", pa.string()), pa.field("version", pa.int64()),
                               pa.field("lastUpdated", pa.int64())])),
    pa.field("add", pa.struct([
        pa.field("path", pa.string(), nullable=False), pa.field("partitionValues", CHECKPOINT_MAP),
        pa.field("size", pa.int64()), pa.field("modificationTime", pa.int64()), pa.field("dataChange", pa.bool_()),
        pa.field("stats", pa.string()), pa.field("tags", CHECKPOINT_MAP),
    ])),
    pa.field("metaData", pa.struct([
        pa.field("id", pa.string()), pa.field("format", pa.struct([pa.field("provider", pa.string()),
                                                                   pa.field("options", CHECKPOINT_MAP)])),
        pa.field("partitionColumns", pa.list_(pa.string())), pa.field("configuration", CHECKPOINT_MAP),
    ])),
    pa.field("protocol", pa.struct([pa.field("minReaderVersion", pa.int32()), pa.field("minWriterVersion", pa.int32()),
                                    pa.field("readerFeatures", pa.list_(pa.string())),
                                    pa.field("writerFeatures", pa.list_(pa.string()))])),
])


def checkpoint_table():
    rows = [
        {"protocol": {"minReaderVersion": 3, "minWriterVersion": 7, "readerFeatures": ["deletionVectors"],
                      "writerFeatures": []}},
        {"metaData": {"id": "6f1a9c2e", "format": {"provider": "parquet", "options": []},
                      "partitionColumns": ["part"], "configuration": [("delta.appendOnly", "true"), ("empty", None)]}},
        {"txn": {"appId": "app", "version": 3, "lastUpdated": None}},
    ]
    for number in range(40):
        partition = [[("part", str(number % 3))], [("part", None)], [], None][number % 4]
        rows.append({"add": {"path": f"part={number % 3}/f{number}.parquet", "partitionValues": partition,
                             "size": 100 + number, "modificationTime": 1_700_000_000_000 + number,
                             "dataChange": number % 2 == 0, "stats": None if number % 5 == 0 else '{"numRecords":1}',
                             "tags": [("a", "1"), ("b", None)] if number % 7 == 0 else None}})
    columns = {field.name: [row.get(field.name) for row in rows] for field in CHECKPOINT_SCHEMA}
    return pa.Table.from_pydict(columns, schema=CHECKPOINT_SCHEMA)


def write_files(directory):
    """Every layout pyarrow offers for nested columns that Sluice reads."""
    table = random_table(seed=7, row_count=400)
    variants = {
        "dictionary_v1_snappy": dict(use_dictionary=True, data_page_version="1.0", compression="snappy"),
        "dictionary_v2_gzip": dict(use_dictionary=True, data_page_version="2.0", compression="gzip"),
        "plain_v1_uncompressed": dict(use_dictionary=False, data_page_version="1.0", compression="none"),
        "plain_v2_snappy_small_pages": dict(use_dictionary=False, data_page_version="2.0", compression="snappy",
                                            data_page_size=256, write_batch_size=16, row_group_size=90),
        "dictionary_v2_small_pages_row_groups": dict(use_dictionary=True, data_page_version="2.0", compression="snappy",
                                                     data_page_size=128, write_batch_size=8, row_group_size=64,
                                                     dictionary_pagesize_limit=256),
        "legacy_item_names": dict(use_compliant_nested_type=False, compression="snappy"),
        "delta_encodings_v2": dict(use_dictionary=False, data_page_version="2.0", compression="gzip",
                                   column_encoding={"id": "DELTA_BINARY_PACKED",
                                                    "grid.list.element.list.element": "DELTA_BINARY_PACKED",
                                                    "names.list.element": "DELTA_LENGTH_BYTE_ARRAY",
                                                    "record.b": "DELTA_BYTE_ARRAY"}),
    }
    files = {}
    for name, options in variants.items():
        path = os.path.join(directory, name + ".parquet")
        pq.write_table(table, path, **options)
        files[name] = nested_dump(path)
    path = os.path.join(directory, "checkpoint.parquet")
    pq.write_table(checkpoint_table(), path, compression="snappy")
    files["checkpoint"] = nested_dump(path)
    path = os.path.join(directory, "empty.parquet")
    pq.write_table(random_table(seed=1, row_count=0), path)
    files["empty"] = nested_dump(path)
    canonical.write_json(os.path.join(directory, "manifest.json"), {"files": files})


def main(arguments):
    command, *rest = arguments
    if command == "dump":
        output_path, *paths = rest
        canonical.write_json(output_path, {"files": {os.path.basename(p): dump_or_error(p) for p in paths}})
    elif command == "write":
        write_files(rest[0])
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
