"""Runs sqllogictest files through DuckDB, the reference engine, to check their expected rows.

usage: slt_duckdb.py check OUT.json FIXTURE_DIR FILE.slt...
       slt_duckdb.py complete FIXTURE_DIR FILE.slt...

`check` writes a JSON list of failures ({"file", "line", "message"}) to OUT.json.
`complete` rewrites each query's expected rows with DuckDB's, for writing new files: read the
diff before committing it.

The format and the value texts are those of the Swift runner (Tests/SQLTests/SLT): records
separated by blank lines, `onlyif`/`skipif ENGINE` before a record, `statement ok`,
`statement error [text]` (DuckDB must fail too; its message is not compared, Sluice's words
are), `query <I|R|T...> [rowsort|nosort]`, `----`, rows. Each file runs in a fresh in-memory
DuckDB whose `__TEST_DIR__` is a temporary folder holding copies of the fixtures.
"""

import datetime
import decimal
import json
import math
import os
import shutil
import sys
import tempfile

import canonical

ENGINE = "duckdb"


class Record:
    def __init__(self, line, kind, header, sql, only, skipped, types=None, sort=False, result_span=None, expected=None):
        self.line = line
        self.kind = kind  # "ok", "error", "query"
        self.header = header
        self.sql = sql
        self.only = only
        self.skipped = skipped
        self.types = types
        self.sort = sort
        self.result_span = result_span  # [start, end) line indices of the expected rows
        self.expected = expected

    def applies(self):
        return (not self.only or ENGINE in self.only) and ENGINE not in self.skipped


def cells(line, column_count):
    if column_count == 1:
        return [line]
    if "\t" in line:
        return line.split("\t")
    return line.split()


def parse(text, name):
    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    records = []
    only, skipped = [], []
    index = 0
    while index < len(lines):
        words = lines[index].split()
        if not words or words[0].startswith("#"):
            index += 1
            continue
        header_line = index + 1
        header = words
        index += 1
        if words[0] in ("onlyif", "skipif"):
            (only if words[0] == "onlyif" else skipped).append(words[1])
            continue
        if words[0] not in ("statement", "query"):
            raise ValueError(f"{name}:{header_line}: unknown record {words[0]!r}")
        block = []
        while index < len(lines) and lines[index].strip() and not (words[0] == "query" and lines[index] == "----"):
            block.append(lines[index])
            index += 1
        sql = "\n".join(block)
        if words[0] == "statement":
            kind = "ok" if words[1:] == ["ok"] else "error"
            records.append(Record(header_line, kind, header, sql, only, skipped))
        else:
            types = words[1]
            if index >= len(lines) or lines[index] != "----":
                raise ValueError(f"{name}:{header_line}: no '----'")
            index += 1
            start = index
            expected = []
            while index < len(lines) and lines[index] != "":
                expected.append(cells(lines[index], len(types)))
                index += 1
            records.append(Record(header_line, "query", header, sql, only, skipped, types=types,
                                  sort=len(words) > 2 and words[2] == "rowsort", result_span=(start, index),
                                  expected=expected))
        only, skipped = [], []
    return lines, records


def fixed(number):
    number = float(number)
    if math.isnan(number):
        return "nan"
    return "%.3f" % number


def value_text(value, letter):
    real = letter == "R"
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return fixed(value) if real else str(value)
    if isinstance(value, float):
        return fixed(value)
    if isinstance(value, decimal.Decimal):
        return fixed(value) if real else format(value, "f")
    if isinstance(value, str):
        return "(empty)" if value == "" else value
    if isinstance(value, datetime.datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        if value.microsecond:
            text += "." + f"{value.microsecond:06d}".rstrip("0")
        return text
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    raise TypeError(f"no sqllogictest text for {type(value).__name__}: {value!r}")


def row_text(row):
    return "\t".join(row)


def run_file(path, fixture_directory, complete):
    """Runs one file; returns (failures, new text or None)."""
    import duckdb

    name = os.path.basename(path)
    with open(path, encoding="utf-8") as source:
        text = source.read()
    lines, records = parse(text, name)
    failures = []
    replacements = {}
    test_directory = tempfile.mkdtemp(prefix="slt-duckdb-")
    try:
        for fixture in os.listdir(fixture_directory):
            shutil.copy(os.path.join(fixture_directory, fixture), test_directory)
        connection = duckdb.connect()
        connection.execute("SET threads = 2")

        def fail(record, message):
            failures.append({"file": name, "line": record.line, "message": message + "\n" + record.sql})

        for record in records:
            if not record.applies():
                continue
            sql = record.sql.replace("__TEST_DIR__", test_directory)
            try:
                cursor = connection.execute(sql)
                rows = cursor.fetchall() if cursor.description else []
                columns = len(cursor.description) if cursor.description else 0
            except duckdb.Error as error:
                if record.kind != "error":
                    fail(record, f"DuckDB failed: {error}")
                continue
            if record.kind == "error":
                fail(record, "DuckDB succeeded where the file expects an error")
            elif record.kind == "query":
                if columns != len(record.types):
                    fail(record, f"DuckDB returns {columns} columns, the file declares {len(record.types)}")
                    continue
                try:
                    actual = [[value_text(value, letter) for value, letter in zip(row, record.types)] for row in rows]
                except TypeError as error:
                    fail(record, str(error))
                    continue
                words = " ".join(sql.lower().split())
                ordered = "order by" in words or words.startswith(("describe", "show"))
                if len(actual) > 1 and not record.sort and not ordered:
                    fail(record, "several rows without ORDER BY: mark the query rowsort")
                if complete:
                    if record.sort:
                        actual = sorted(actual, key=lambda row: row_text(row).encode())
                    replacements[record.result_span] = [row_text(row) for row in actual]
                    continue
                expected = record.expected
                if record.sort:
                    actual = sorted(actual, key=lambda row: row_text(row).encode())
                    expected = sorted(expected, key=lambda row: row_text(row).encode())
                if actual != expected:
                    shown = "\n".join(f"  got {row_text(row)!r}" for row in actual[:20])
                    fail(record, f"DuckDB gives {len(actual)} rows, the file expects {len(expected)}:\n{shown}")
        connection.close()
    finally:
        shutil.rmtree(test_directory, ignore_errors=True)
    if not complete:
        return failures, None
    output = []
    index = 0
    spans = sorted(replacements)
    for start, end in spans:
        output.extend(lines[index:start])
        output.extend(replacements[(start, end)])
        index = end
    output.extend(lines[index:])
    return failures, "\n".join(output)


def main(arguments):
    mode = arguments[0]
    if mode == "check":
        output_path, fixture_directory, paths = arguments[1], arguments[2], arguments[3:]
    else:
        output_path, fixture_directory, paths = None, arguments[1], arguments[2:]
    failures = []
    for path in paths:
        file_failures, new_text = run_file(path, fixture_directory, mode == "complete")
        failures.extend(file_failures)
        if new_text is not None:
            with open(path, "w", encoding="utf-8") as target:
                target.write(new_text)
    if output_path:
        canonical.write_json(output_path, failures)
    else:
        for failure in failures:
            print(f"{failure['file']}:{failure['line']}: {failure['message']}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
