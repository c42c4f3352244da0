"""Writes Parquet files with pyarrow and DuckDB in many layouts, each with pyarrow's canonical
dump, for Sluice to read.

usage: write_files.py OUT_DIR

Writes OUT_DIR/NAME.parquet for every layout and OUT_DIR/manifest.json mapping each NAME to
{"dump": canonical dump, "expect": what the layout was meant to exercise}. Before writing the
manifest it checks that each file really uses the encodings, page versions and physical types
it was written for, so a change in a library's defaults cannot silently thin out the test.
"""

import datetime
import decimal
import os
import random
import sys

import pyarrow as pa
import pyarrow.parquet as pq

import canonical

ROW_COUNT = 3000


def special_then_random(specials, count, draw, null_every=None, rng=None):
    """`specials` first, then `draw(rng)` values; every `null_every`-th row is null."""
    values = list(specials)
    while len(values) < count:
        values.append(draw(rng))
    if null_every:
        values = [None if (row % null_every == null_every - 1) else v for row, v in enumerate(values)]
    return values[:count]


def decimal_column(rng, precision, scale, count, null_every):
    limit = 10 ** precision - 1
    quantum = decimal.Decimal(1).scaleb(-scale)
    specials = [limit, -limit, 0, 1, -1]

    def draw(r):
        digits = r.randint(1, precision)
        return r.randint(-(10 ** digits - 1), 10 ** digits - 1)

    unscaled = special_then_random(specials, count, draw, null_every, rng)
    with decimal.localcontext() as context:
        context.prec = 60
        return [None if u is None else decimal.Decimal(u) * quantum for u in unscaled]


def base_table():
    rng = random.Random(20240601)
    n = ROW_COUNT
    words = ["", "a", "Zürich", "東京", "🍕 pizza", "naïve café", "line\nbreak", "tab\tquote\"", "ascii"]
    ns_specials = [0, -1, -999, -1000, -1001, 1, 999, 1_000_000_001, -86_400_000_000_001,
                   253_402_300_799_999_999_000]
    columns = {
        "b": pa.array(special_then_random([True, False], n, lambda r: r.random() < 0.3, 11, rng), pa.bool_()),
        "i8": pa.array(special_then_random([-128, 127, 0], n, lambda r: r.randint(-128, 127), 13, rng), pa.int8()),
        "i16": pa.array(special_then_random([-32768, 32767], n, lambda r: r.randint(-32768, 32767), None, rng), pa.int16()),
        "i32": pa.array(special_then_random([-2**31, 2**31 - 1, 0], n, lambda r: r.randint(-5000, 5000), 7, rng), pa.int32()),
        "i64": pa.array(special_then_random([-2**63, 2**63 - 1, 0], n, lambda r: r.randint(-2**62, 2**62), 17, rng), pa.int64()),
        "u32": pa.array(special_then_random([0, 2**32 - 1, 2**31], n, lambda r: r.randint(0, 2**32 - 1), 19, rng), pa.uint32()),
        "f32": pa.array(special_then_random([-0.0, 0.0, float("inf"), float("-inf"), 3.4e38, 1e-45, 0.1],
                                            n, lambda r: r.uniform(-1e6, 1e6), 23, rng), pa.float32()),
        "f64": pa.array(special_then_random([-0.0, 0.0, float("inf"), 1.7976931348623157e308, 5e-324, 1e-300, 0.1, 1e16, 1e-5],
                                            n, lambda r: r.lognormvariate(0, 8) * r.choice([-1, 1]), 29, rng), pa.float64()),
        "s": pa.array(special_then_random(words, n, lambda r: r.choice(words) + str(r.randint(0, 50)), 5, rng), pa.string()),
        "ls": pa.array(special_then_random(words, n, lambda r: "x" * r.randint(0, 40), 31, rng), pa.large_string()),
        # Values past 4 KiB: writers may leave such min/max out of the statistics.
        "blob": pa.array([bytes([row % 251]) * (5000 if row % 400 == 7 else row % 50) for row in range(n)],
                         pa.large_binary()),
        "bin": pa.array(special_then_random([b"", b"\x00", b"\xff\x00\x80"], n,
                                            lambda r: bytes(r.randint(0, 255) for _ in range(r.randint(0, 12))), 37, rng), pa.binary()),
        "d": pa.array(special_then_random([-719162, -1, 0, 2932896, -25567], n, lambda r: r.randint(-40000, 40000), 41, rng), pa.date32()),
        "ts_ms": pa.array(special_then_random([0, -1, -62135596800000, 253402300799999], n,
                                              lambda r: r.randint(-2**41, 2**41), 43, rng), pa.timestamp("ms")),
        "ts_us": pa.array(special_then_random([0, -1, -62135596800000000, 253402300799999999], n,
                                              lambda r: r.randint(-2**51, 2**51), 47, rng), pa.timestamp("us", tz="UTC")),
        "ts_ns": pa.array(special_then_random(ns_specials[:-1], n, lambda r: r.randint(-2**62, 2**62), 53, rng), pa.timestamp("ns")),
        "dec4_1": pa.array(decimal_column(rng, 4, 1, n, 3), pa.decimal128(4, 1)),
        "dec9_2": pa.array(decimal_column(rng, 9, 2, n, 59), pa.decimal128(9, 2)),
        "dec18_4": pa.array(decimal_column(rng, 18, 4, n, 61), pa.decimal128(18, 4)),
        "dec25_5": pa.array(decimal_column(rng, 25, 5, n, 67), pa.decimal128(25, 5)),
        "dec38_10": pa.array(decimal_column(rng, 38, 10, n, 71), pa.decimal128(38, 10)),
    }
    fields = [pa.field(name, array.type) for name, array in columns.items()]
    fields.append(pa.field("id", pa.int64(), nullable=False))
    fields.append(pa.field("code", pa.string(), nullable=False))
    arrays = list(columns.values())
    arrays.append(pa.array(range(n), pa.int64()))
    arrays.append(pa.array([f"C{row % 97:03d}" for row in range(n)], pa.string()))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def pyarrow_layouts(table):
    """(name, write_table keyword arguments, expectations) of every pyarrow file."""
    delta_columns = {"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "d": "DELTA_BINARY_PACKED",
                     "ts_us": "DELTA_BINARY_PACKED", "id": "DELTA_BINARY_PACKED"}
    return [
        ("pa_dict_v1_snappy", dict(use_dictionary=True, data_page_version="1.0", compression="snappy",
                                   row_group_size=700),
         {"encodings": {"s": "RLE_DICTIONARY", "i64": "RLE_DICTIONARY"}, "row_groups_min": 5}),
        ("pa_plain_v1_none", dict(use_dictionary=False, data_page_version="1.0", compression="none"),
         {"encodings": {"s": "PLAIN", "i32": "PLAIN"}, "no_dictionary": True}),
        ("pa_plain_v1_zstd", dict(use_dictionary=False, data_page_version="1.0", compression="zstd"),
         {"encodings": {"s": "PLAIN", "i32": "PLAIN"}, "no_dictionary": True}),
        ("pa_plain_v2_gzip", dict(use_dictionary=False, data_page_version="2.0", compression="gzip",
                                  row_group_size=1000),
         {"encodings": {"s": "PLAIN"}, "no_dictionary": True, "row_groups_min": 3}),
        ("pa_dict_v2_none_small_pages", dict(use_dictionary=True, data_page_version="2.0", compression="none",
                                             data_page_size=512, write_batch_size=64),
         {"encodings": {"s": "RLE_DICTIONARY"}}),
        ("pa_dict_v2_snappy", dict(use_dictionary=True, data_page_version="2.0", compression="snappy",
                                   row_group_size=1500),
         {"encodings": {"s": "RLE_DICTIONARY", "b": "RLE"}}),
        ("pa_int96_gzip", dict(use_deprecated_int96_timestamps=True, compression="gzip", row_group_size=999),
         {"physical": {"ts_ms": "INT96", "ts_us": "INT96", "ts_ns": "INT96"}}),
        ("pa_delta_byte_array_v1", dict(use_dictionary=False, compression="snappy", data_page_version="1.0",
                                        column_encoding={**delta_columns, "s": "DELTA_BYTE_ARRAY",
                                                         "ls": "DELTA_BYTE_ARRAY", "bin": "DELTA_BYTE_ARRAY"}),
         {"encodings": {"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED",
                        "s": "DELTA_BYTE_ARRAY", "bin": "DELTA_BYTE_ARRAY"}}),
        ("pa_delta_length_v2", dict(use_dictionary=False, compression="none", data_page_version="2.0",
                                    data_page_size=2048, row_group_size=1200,
                                    column_encoding={**delta_columns, "s": "DELTA_LENGTH_BYTE_ARRAY",
                                                     "ls": "DELTA_LENGTH_BYTE_ARRAY",
                                                     "bin": "DELTA_LENGTH_BYTE_ARRAY"}),
         {"encodings": {"i32": "DELTA_BINARY_PACKED", "ts_us": "DELTA_BINARY_PACKED",
                        "s": "DELTA_LENGTH_BYTE_ARRAY", "bin": "DELTA_LENGTH_BYTE_ARRAY"}}),
        ("pa_decimal_as_integer", dict(store_decimal_as_integer=True, compression="snappy"),
         {"physical": {"dec4_1": "INT32", "dec9_2": "INT32", "dec18_4": "INT64", "dec25_5": "FIXED_LEN_BYTE_ARRAY"}}),
        ("pa_byte_stream_split", dict(use_dictionary=False, compression="snappy", data_page_version="2.0",
                                      column_encoding={"f32": "BYTE_STREAM_SPLIT", "f64": "BYTE_STREAM_SPLIT",
                                                       "i32": "BYTE_STREAM_SPLIT", "i64": "BYTE_STREAM_SPLIT",
                                                       "ts_ns": "BYTE_STREAM_SPLIT", "dec38_10": "BYTE_STREAM_SPLIT"}),
         {"encodings": {"f32": "BYTE_STREAM_SPLIT", "f64": "BYTE_STREAM_SPLIT", "i64": "BYTE_STREAM_SPLIT",
                        "dec38_10": "BYTE_STREAM_SPLIT"}}),
        # A dictionary that fills up: the chunk goes on in PLAIN pages after the dictionary ones.
        ("pa_dictionary_fallback", dict(use_dictionary=True, dictionary_pagesize_limit=1024, data_page_size=1024,
                                        write_batch_size=128, compression="gzip"),
         {"encodings": {"s": "RLE_DICTIONARY", "bin": "PLAIN", "i64": "PLAIN"}, "mixed": ["bin", "i64"]}),
        ("pa_no_statistics", dict(write_statistics=False, compression="none", row_group_size=500), {}),
        # Format 1.0: converted types only (no logical types), uint32 as INT64, no nanoseconds.
        ("pa_format_1_0", dict(version="1.0", coerce_timestamps="us", allow_truncated_timestamps=True,
                               compression="snappy"),
         {"physical": {"u32": "INT64"}}),
    ]


DUCKDB_SELECT = """
SELECT
    i AS id,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 7919) % 10007 - 5000 END::INTEGER AS i32,
    (i * 104729)::BIGINT * 1000003 - 50000000000 AS i64,
    (i % 200 - 100)::TINYINT AS i8,
    (i * 31 % 60000 - 30000)::SMALLINT AS i16,
{u32}    CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 = 0 END AS b,
    CASE WHEN i % 13 = 5 THEN NULL ELSE DATE '1969-12-01' + (i * 37 - 40000)::INTEGER END AS d,
    CASE WHEN i % 17 = 2 THEN NULL
         ELSE TIMESTAMP '1969-12-31 23:59:59.999999' + to_microseconds(i * 86400000123 - 100000000000000) END AS ts,
    TIMESTAMPTZ '2001-02-03 04:05:06.789+00' + to_microseconds(i * 1234567) AS tstz,
    (TIMESTAMP '1970-01-01' + to_microseconds(i * 1000 - 500))::TIMESTAMP_NS AS ts_ns,
    CASE WHEN i % 19 = 0 THEN NULL ELSE (((i * 37) % 19999 - 9999)::DECIMAL(18,0) * 0.1)::DECIMAL(4,1) END AS dec4_1,
    (((i * 7919) % 1000000000 - 500000000)::DECIMAL(18,0) * 0.01)::DECIMAL(9,2) AS dec9_2,
    CASE WHEN i % 23 = 0 THEN NULL
         ELSE ((i::DECIMAL(18,0) * 1000003 - 99999999999) * 0.001)::DECIMAL(18,3) END AS dec18_3,
    ((i::DECIMAL(38,0) * 123456789012345678 - 99999999999999999999999) * 0.00000001)::DECIMAL(38,8) AS dec38_8,
    ((i * 7) % 1000)::DOUBLE / 8 - 60 AS f64,
    ((i * 13) % 1000)::REAL / 4 AS f32,
    CASE WHEN i % 5 = 1 THEN NULL
         WHEN i % 5 = 2 THEN ''
         ELSE ['Zürich', '東京', '🍕', 'plain', 'naïve'][i % 5 + 1] || (i % 50)::VARCHAR END AS s,
    CASE WHEN i % 29 = 0 THEN NULL ELSE encode('blob' || (i % 7)::VARCHAR) END AS bin
FROM range(0, {rows}) t(i)
"""


UNSIGNED_COLUMN = "    (i::UBIGINT * 2654435761 % 4294967296)::UINTEGER AS u32,\n"


def duckdb_layouts():
    """(name, COPY options, with the UINTEGER column?, expectations) of every DuckDB file.
    DuckDB 2.0's V2 writer gives UINTEGER a DELTA_BINARY_PACKED bit width that pyarrow rejects
    (33 bits for a 32-bit column), so the V2 file leaves that column out."""
    return [
        ("duck_snappy", "COMPRESSION snappy, ROW_GROUP_SIZE 1024", True, {"row_groups_min": 2}),
        ("duck_gzip", "COMPRESSION gzip", True, {}),
        ("duck_uncompressed", "COMPRESSION uncompressed, ROW_GROUP_SIZE 2048", True, {}),
        ("duck_v2_snappy", "COMPRESSION snappy, PARQUET_VERSION V2", False,
         {"encodings": {"i64": "DELTA_BINARY_PACKED", "f64": "BYTE_STREAM_SPLIT", "f32": "BYTE_STREAM_SPLIT"}}),
    ]


def check_expectations(name, path, expect):
    metadata = pq.ParquetFile(path).metadata
    problems = []
    if metadata.num_row_groups < expect.get("row_groups_min", 1):
        problems.append(f"{metadata.num_row_groups} row groups")
    schema = metadata.schema
    for group_index in range(metadata.num_row_groups):
        group = metadata.row_group(group_index)
        for column_index in range(group.num_columns):
            chunk = group.column(column_index)
            column = chunk.path_in_schema
            wanted = expect.get("encodings", {}).get(column)
            if wanted and wanted not in chunk.encodings:
                problems.append(f"{column} encodings {chunk.encodings}, wanted {wanted}")
            if column in expect.get("mixed", []) and not {"PLAIN", "RLE_DICTIONARY"} <= set(chunk.encodings):
                problems.append(f"{column} encodings {chunk.encodings}, wanted dictionary and PLAIN pages")
            if expect.get("no_dictionary") and chunk.has_dictionary_page:
                problems.append(f"{column} has a dictionary page")
            physical = expect.get("physical", {}).get(column)
            if physical and schema.column(column_index).physical_type != physical:
                problems.append(f"{column} is {schema.column(column_index).physical_type}, wanted {physical}")
    if problems:
        raise SystemExit(f"{name}: the file does not exercise what it should: " + "; ".join(sorted(set(problems))))


def main(arguments):
    (output_directory,) = arguments
    manifest = {}
    table = base_table()
    for name, options, expect in pyarrow_layouts(table):
        path = os.path.join(output_directory, name + ".parquet")
        pq.write_table(table, path, **options)
        check_expectations(name, path, expect)
        manifest[name] = {"dump": canonical.arrow_dump(path), "writer": "pyarrow"}
    # Edge sizes: no rows at all (pyarrow writes no row group), a single row.
    for name, rows in (("pa_empty", table.slice(0, 0)), ("pa_one_row", table.slice(5, 1))):
        path = os.path.join(output_directory, name + ".parquet")
        pq.write_table(rows, path)
        manifest[name] = {"dump": canonical.arrow_dump(path), "writer": "pyarrow"}
    connection = canonical.duckdb_connection()
    for name, options, with_unsigned, expect in duckdb_layouts():
        select = DUCKDB_SELECT.format(rows=ROW_COUNT, u32=UNSIGNED_COLUMN if with_unsigned else "")
        path = os.path.join(output_directory, name + ".parquet")
        connection.execute(f"COPY ({select}) TO '{path}' (FORMAT PARQUET, {options})")
        check_expectations(name, path, expect)
        manifest[name] = {"dump": canonical.arrow_dump(path), "writer": "duckdb"}
    canonical.write_json(os.path.join(output_directory, "manifest.json"), {"files": manifest})


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
