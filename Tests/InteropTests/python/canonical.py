"""Canonical dumps of Parquet files as other tools read them.

Every value becomes a string (or None for null) so that two sides can be compared exactly:
booleans as "true"/"false", integers in decimal, floats as Python's repr, strings as
themselves, binary as lowercase hex, dates as days since 1970-01-01, timestamps as integer
microseconds since the epoch (finer units are floored), decimals as plain digits with exactly
`scale` digits after the point (format(value, "f"), which never uses an exponent).
"""

import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

MICROS_PER_UNIT = {"s": 1_000_000, "ms": 1_000, "us": 1}


def scalar_text(value):
    """The canonical text of one Python value as pyarrow or duckdb hand it out."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    raise TypeError(f"no canonical form for {type(value).__name__}: {value!r}")


def timestamp_micros(raw, unit):
    if raw is None:
        return None
    if unit == "ns":
        return raw // 1000  # floor, as Sluice converts nanoseconds
    return raw * MICROS_PER_UNIT[unit]


def arrow_values(array):
    """Canonical texts of a pyarrow (chunked) array, by its type."""
    kind = array.type
    if pa.types.is_date32(kind):
        return [scalar_text(v) for v in array.cast(pa.int32()).to_pylist()]
    if pa.types.is_timestamp(kind):
        raws = array.cast(pa.int64()).to_pylist()
        return [scalar_text(timestamp_micros(v, kind.unit)) for v in raws]
    if pa.types.is_decimal(kind):
        return [None if v is None else format(v, "f") for v in array.to_pylist()]
    if (pa.types.is_boolean(kind) or pa.types.is_integer(kind) or pa.types.is_floating(kind)
            or pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)
            or pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_binary_view(kind)
            or pa.types.is_fixed_size_binary(kind)):
        return [scalar_text(v) for v in array.to_pylist()]
    raise TypeError(f"no canonical form for arrow type {kind}")


def statistics_text(statistics, kind, bound):
    """The canonical text of the min or max (`bound`) that pyarrow reports. Dates and
    timestamps use the physical value, since Python's date cannot hold years past 9999."""
    if pa.types.is_date32(kind):
        return str(getattr(statistics, bound + "_raw"))
    if pa.types.is_timestamp(kind):
        return str(timestamp_micros(getattr(statistics, bound + "_raw"), kind.unit))
    value = getattr(statistics, bound)
    if pa.types.is_decimal(kind):
        return format(value, "f")
    return scalar_text(value)


def arrow_dump(path):
    """What pyarrow reads from a file: schema, values, and per row group the statistics and
    encodings of every column chunk."""
    # INT96 timestamps in microseconds, as Sluice keeps them: read as nanoseconds (pyarrow's
    # default) dates before 1677 or after 2262 would wrap around.
    parquet_file = pq.ParquetFile(path, coerce_int96_timestamp_unit="us")
    table = parquet_file.read()
    columns = []
    for index, field in enumerate(table.schema):
        columns.append({
            "name": field.name,
            "type": str(field.type),
            "nullable": field.nullable,
            "values": arrow_values(table.column(index)),
        })
    row_groups = []
    metadata = parquet_file.metadata
    for group_index in range(metadata.num_row_groups):
        group = metadata.row_group(group_index)
        chunks = []
        for column_index in range(group.num_columns):
            chunk = group.column(column_index)
            kind = table.schema.field(column_index).type
            entry = {
                "column": chunk.path_in_schema,
                "encodings": sorted(chunk.encodings),
                "has_dictionary_page": chunk.has_dictionary_page,
                "compression": chunk.compression,
                "null_count": None,
                "min": None,
                "max": None,
            }
            statistics = chunk.statistics
            if statistics is not None:
                if statistics.has_null_count:
                    entry["null_count"] = statistics.null_count
                if statistics.has_min_max:
                    entry["min"] = statistics_text(statistics, kind, "min")
                    entry["max"] = statistics_text(statistics, kind, "max")
            chunks.append(entry)
        row_groups.append({"row_count": group.num_rows, "columns": chunks})
    return {
        "row_count": table.num_rows,
        "created_by": metadata.created_by,
        "columns": columns,
        "row_groups": row_groups,
    }


def duckdb_dump(connection, path):
    """What DuckDB reads from a file: its type names and values, in file order."""
    described = connection.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
    expressions = []
    for name, type_name, *_ in described:
        quoted = '"' + name.replace('"', '""') + '"'
        if type_name == "DATE":
            expressions.append(f"datediff('day', DATE '1970-01-01', {quoted})")
        elif type_name.startswith("TIMESTAMP_NS"):
            expressions.append(f"epoch_ns({quoted})")
        elif type_name.startswith("TIMESTAMP"):
            expressions.append(f"epoch_us({quoted})")
        elif type_name.startswith("DECIMAL"):
            expressions.append(f"CAST({quoted} AS VARCHAR)")
        else:
            expressions.append(quoted)
    rows = connection.execute(
        f"SELECT {', '.join(expressions)} FROM read_parquet(?)", [path]).fetchall()
    columns = []
    for index, (name, type_name, *_) in enumerate(described):
        values = [row[index] for row in rows]
        if type_name.startswith("TIMESTAMP_NS"):
            values = [timestamp_micros(v, "ns") for v in values]
        columns.append({
            "name": name,
            "type": type_name,
            "values": [scalar_text(v) for v in values],
        })
    return {"row_count": len(rows), "columns": columns}


def duckdb_connection():
    import duckdb

    connection = duckdb.connect()
    # Order of rows must be the file's; one thread also keeps CI machines calm.
    connection.execute("SET threads = 1")
    connection.execute("SET preserve_insertion_order = true")
    return connection


def write_json(path, document):
    with open(path, "w", encoding="utf-8") as output:
        json.dump(document, output, ensure_ascii=False, separators=(",", ":"))


def exit_without_finalizers():
    """Ends the process once its output is written, skipping interpreter shutdown.

    The native libraries (delta-rs, Arrow, DuckDB) keep background threads; when the
    interpreter tears down with one of them still running, the process can abort ("terminate
    called without an active exception", SIGABRT) after all its work succeeded. Files are
    closed by the time this runs, so leaving at once loses nothing.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
