# Prints the windows of a Parquet folder written by the S1 Spark query, one line each:
# "WINDOW_START_MS PAGE COUNT", sorted. usage: stream_windows.py PARQUET_DIR
import sys
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

table = ds.dataset(sys.argv[1], format="parquet").to_table(columns=["window_start", "page", "count"])
column = table.column("window_start")
starts = pc.cast(pc.cast(column, pa.timestamp("ms", tz=column.type.tz)), pa.int64()).to_pylist()
pages = table.column("page").to_pylist()
counts = table.column("count").to_pylist()
lines = sorted(f"{start} {page} {count}" for start, page, count in zip(starts, pages, counts))
sys.stdout.write("".join(line + "\n" for line in lines))
