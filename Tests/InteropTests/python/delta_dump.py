"""Reads Delta tables with the deltalake package (delta-rs) and writes canonical dumps.

usage: delta_dump.py [--latest] OUT.json TABLE_DIR...

OUT.json maps each table folder's base name to what delta-rs sees: the newest version, the
schema (Delta type names and nullability), partition columns, protocol, history (version and
operation, newest first), and for every version from 0 on, the table's rows as canonical texts
(see canonical.py) in the schema's column order, partition columns included. Rows are in
delta-rs's order; the Swift side sorts both sides. A table delta-rs fails on gets
{"error": message} instead. With --latest only the newest version's rows are dumped (for
tables whose older commits were cleaned up after a checkpoint).
"""

import os
import sys
import traceback

import pyarrow as pa
from deltalake import DeltaTable

import canonical


def plain_values(array):
    """Canonical texts of a column, dictionary-encoded partition columns decoded first."""
    if pa.types.is_dictionary(array.type):
        array = array.cast(array.type.value_type)
    return canonical.arrow_values(array)


def version_rows(path, version):
    table = DeltaTable(path, version=version)
    names = [field.name for field in table.schema().fields]
    data = table.to_pyarrow_table()
    columns = [plain_values(data.column(name)) for name in names]
    return {
        "version": table.version(),
        "columns": names,
        "file_count": len(table.file_uris()),
        "rows": [list(row) for row in zip(*columns)] if columns else [],
    }


def type_name(kind):
    """The Delta type name of a schema field's type ("long", "decimal(10,2)"); nested types
    are reported by their class so the Swift side fails with a readable message."""
    return getattr(kind, "type", type(kind).__name__)


def table_dump(path, latest_only=False):
    table = DeltaTable(path)
    protocol = table.protocol()
    newest = table.version()
    return {
        "version": newest,
        "schema": [{"name": field.name, "type": type_name(field.type), "nullable": field.nullable}
                   for field in table.schema().fields],
        "partition_columns": list(table.metadata().partition_columns),
        "min_reader_version": protocol.min_reader_version,
        "min_writer_version": protocol.min_writer_version,
        "history": [{"version": entry.get("version"), "operation": entry.get("operation")}
                    for entry in table.history()],
        "versions": [version_rows(path, version) for version in range(newest if latest_only else 0, newest + 1)],
    }


def dump_tables(paths, latest_only=False):
    tables = {}
    for path in paths:
        try:
            tables[os.path.basename(path)] = table_dump(path, latest_only)
        except Exception as error:  # reported to the Swift side, which fails the test
            tables[os.path.basename(path)] = {"error": f"{type(error).__name__}: {error}\n{traceback.format_exc()}"}
    return {"tables": tables}


def main(arguments):
    latest_only = arguments[:1] == ["--latest"]
    output_path, *paths = arguments[1:] if latest_only else arguments
    canonical.write_json(output_path, dump_tables(paths, latest_only))


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
