"""Makes fixtures/delta-rs-checkpoint.parquet: the checkpoint delta-rs writes for a small
partitioned table (two appends, a delete, then a checkpoint), so the tests can check Sluice
reads Delta checkpoints as delta-rs writes them. Not run by the tests; it needs the
`deltalake` package.

usage: make_delta_checkpoint.py OUTPUT.parquet
"""

import glob
import shutil
import sys
import tempfile

import pyarrow as pa
from deltalake import DeltaTable, write_deltalake

import canonical


def main(output_path):
    with tempfile.TemporaryDirectory() as table_path:
        first = pa.table({"id": pa.array([1, 2, 3], pa.int64()), "part": ["a", "b", None], "name": ["x", None, "z"]})
        write_deltalake(table_path, first, partition_by=["part"], name="events", description="test table",
                        configuration={"delta.appendOnly": "false", "delta.logRetentionDuration": "interval 30 days"})
        second = pa.table({"id": pa.array([4, 5], pa.int64()), "part": ["a", "c"], "name": ["u", "v"]})
        write_deltalake(table_path, second, mode="append", partition_by=["part"])
        DeltaTable(table_path).delete("id = 2")
        DeltaTable(table_path).create_checkpoint()
        (checkpoint,) = glob.glob(table_path + "/_delta_log/*.checkpoint.parquet")
        shutil.copyfile(checkpoint, output_path)


if __name__ == "__main__":
    main(sys.argv[1])
    canonical.exit_without_finalizers()
