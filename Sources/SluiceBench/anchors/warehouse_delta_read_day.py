import sys, time, datetime, warnings
import pyarrow as pa
from deltalake import DeltaTable
pa.set_cpu_count(1); pa.set_io_thread_count(1)
warnings.filterwarnings("ignore", category=DeprecationWarning)
path, day, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def best(read):
    times = []
    for _ in range(runs):
        t = time.perf_counter(); rows = read(); times.append(time.perf_counter() - t)
    return rows, min(times)
# partitions= prunes files from the log before pyarrow sees them, as Sluice does;
# filters= (its documented successor) hands pyarrow a dataset of every file.
rows, seconds = best(lambda: DeltaTable(path).to_pyarrow_table(partitions=[("l_shipdate", "=", day)]).num_rows)
print(rows, seconds)
date = datetime.date.fromisoformat(day)
rows, seconds = best(lambda: DeltaTable(path).to_pyarrow_table(filters=[("l_shipdate", "=", date)]).num_rows)
print(rows, seconds)
