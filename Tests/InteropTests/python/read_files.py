"""Reads Parquet files with pyarrow and with DuckDB and writes their canonical dumps.

usage: read_files.py OUT.json FILE.parquet...

OUT.json maps each file's base name to {"pyarrow": dump, "duckdb": dump}; a reader that fails
on a file gets {"error": message} instead, so one bad file does not hide the others.
"""

import os
import sys
import traceback

import canonical


def main(arguments):
    output_path, *paths = arguments
    connection = canonical.duckdb_connection()
    files = {}
    for path in paths:
        entry = {}
        for reader, dump in (("pyarrow", canonical.arrow_dump),
                             ("duckdb", lambda p: canonical.duckdb_dump(connection, p))):
            try:
                entry[reader] = dump(path)
            except Exception as error:  # reported to the Swift side, which fails the test
                entry[reader] = {"error": f"{type(error).__name__}: {error}\n{traceback.format_exc()}"}
        files[os.path.basename(path)] = entry
    canonical.write_json(output_path, {"files": files})


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
