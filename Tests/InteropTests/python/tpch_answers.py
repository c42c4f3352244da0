"""TPC-H answers computed by DuckDB over Parquet files, in canonical text.

usage: tpch_answers.py DATA_DIR QUERY_DIR OUT.json

DATA_DIR holds the eight tables as <table>.parquet; QUERY_DIR holds q01.sql ... q22.sql, run
exactly as written. For every query the output names the columns, DuckDB's type of each, how
the other side should compare it ("number", "date", "timestamp", "boolean" or "text") and the
rows as canonical texts (see canonical.py): numbers in decimal (decimals with their scale,
doubles as Python's repr), dates as days since 1970-01-01, timestamps as microseconds.
"""

import datetime
import decimal
import os
import sys

import canonical

TABLES = ["region", "nation", "supplier", "customer", "part", "partsupp", "orders", "lineitem"]
QUERY_COUNT = 22
EPOCH = datetime.date(1970, 1, 1)
NUMERIC_PREFIXES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                    "UINTEGER", "UBIGINT", "UHUGEINT", "DECIMAL", "DOUBLE", "FLOAT", "REAL")


def comparison_kind(type_name):
    if type_name.startswith(NUMERIC_PREFIXES):
        return "number"
    if type_name == "DATE":
        return "date"
    if type_name.startswith("TIMESTAMP"):
        return "timestamp"
    if type_name == "BOOLEAN":
        return "boolean"
    return "text"


def value_text(value):
    if value is None:
        return None
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        delta = value - datetime.datetime(1970, 1, 1)
        return str((delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds)
    if isinstance(value, datetime.date):
        return str((value - EPOCH).days)
    return canonical.scalar_text(value)


def answer(connection, text):
    cursor = connection.execute(text)
    names = [column[0] for column in cursor.description]
    types = [str(column[1]) for column in cursor.description]
    rows = cursor.fetchall()
    return {
        "columns": names,
        "types": types,
        "kinds": [comparison_kind(name) for name in types],
        "rows": [[value_text(value) for value in row] for row in rows],
    }


def main(arguments):
    data_directory, query_directory, output_path = arguments
    connection = canonical.duckdb_connection()
    for table in TABLES:
        path = os.path.join(data_directory, table + ".parquet")
        quoted = path.replace("'", "''")
        connection.execute(f"CREATE VIEW {table} AS SELECT * FROM '{quoted}'")
    answers = {}
    for number in range(1, QUERY_COUNT + 1):
        name = f"q{number:02d}"
        with open(os.path.join(query_directory, name + ".sql"), encoding="utf-8") as query_file:
            text = query_file.read()
        answers[name] = answer(connection, text)
    canonical.write_json(output_path, {"duckdb_version": connection.execute("SELECT version()").fetchone()[0],
                                       "answers": answers})


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
