"""Writes a Delta table with the deltalake package (delta-rs) across more commits than one
checkpoint covers, asks delta-rs for a checkpoint, removes the commit files the checkpoint
replaces, and dumps the newest version as delta_dump.py --latest does.

usage: delta_checkpointed.py TABLE_DIR OUT.json
"""

import os
import sys

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

import canonical
import delta_dump


def main(arguments):
    path, output_path = arguments
    for batch in range(12):
        ids = list(range(batch * 10, batch * 10 + 10))
        data = pa.table({"id": pa.array(ids, pa.int64()), "group": pa.array(["g%d" % (i % 3) for i in ids]),
                         "value": pa.array([i * 0.5 for i in ids])})
        write_deltalake(path, data, mode="append", partition_by=["group"])
    table = DeltaTable(path)
    table.delete("id < 5")
    table.create_checkpoint()
    checkpoint_version = DeltaTable(path).version()
    log = os.path.join(path, "_delta_log")
    for name in os.listdir(log):
        if name.endswith(".json") and int(name[:20]) < checkpoint_version:
            os.remove(os.path.join(log, name))
    canonical.write_json(output_path, {"checkpoint_version": checkpoint_version,
                                       **delta_dump.dump_tables([path], latest_only=True)})


if __name__ == "__main__":
    main(sys.argv[1:])
    canonical.exit_without_finalizers()
