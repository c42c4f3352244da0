import sys, time
from deltalake import DeltaTable
path, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    t = time.perf_counter(); version = DeltaTable(path).version(); times.append(time.perf_counter() - t)
print(version, min(times))
