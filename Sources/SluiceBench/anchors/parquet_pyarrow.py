import sys, time
import pyarrow as pa, pyarrow.parquet as pq
pa.set_cpu_count(1); pa.set_io_thread_count(1)
path, scratch, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
def best(f):
    times = []
    for _ in range(runs):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return min(times)
print("read-snappy", best(lambda: pq.read_table(path, use_threads=False)))
table = pq.read_table(path, use_threads=False)
print("write-uncompressed", best(lambda: pq.write_table(table, scratch + "/pa-none.parquet", compression="none")))
print("write-snappy", best(lambda: pq.write_table(table, scratch + "/pa-snappy.parquet", compression="snappy")))
