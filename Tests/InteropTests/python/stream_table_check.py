"""Reads the window tables a Sluice stream pipeline wrote with the deltalake package and compares
them with counts Python computes from the same click events.

usage: stream_table_check.py CLICKS.jsonl PAGE_VIEWS_TABLE OUT.json
"""

import datetime
import json
import sys

import canonical


def minute_start(text):
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment.replace(second=0, microsecond=0)


def main(arguments):
    events_path, table_path, output_path = arguments
    from deltalake import DeltaTable
    expected = {}
    with open(events_path, encoding="utf-8") as source:
        for line in source:
            try:
                event = json.loads(line)
                key = (minute_start(event["event_time"]), event["page"])
                if not isinstance(event["user_id"], int):
                    continue
            except (ValueError, KeyError, TypeError):
                continue
            expected[key] = expected.get(key, 0) + 1
    table = DeltaTable(table_path)
    rows = table.to_pyarrow_table().to_pylist()
    found = {}
    duplicates = 0
    for row in rows:
        start = row["window_start"]
        if start.tzinfo is None:
            start = start.replace(tzinfo=datetime.timezone.utc)
        key = (start, row["page"])
        if key in found:
            duplicates += 1
        found[key] = row["views"]
    mismatches = [f"{key[0].isoformat()} {key[1]}: {found.get(key)} != {count}" for key, count in expected.items() if found.get(key) != count]
    mismatches += [f"{key[0].isoformat()} {key[1]}: unexpected" for key in found if key not in expected]
    history = table.history()
    canonical.write_json(output_path, {
        "version": table.version(),
        "row_count": len(rows),
        "duplicates": duplicates,
        "views_sum": sum(found.values()),
        "expected_sum": sum(expected.values()),
        "streaming_commits": sum(1 for entry in history if entry.get("operation") == "STREAMING UPDATE"),
        "mismatches": mismatches[:5],
    })


if __name__ == "__main__":
    main(sys.argv[1:])
