import sys
import pyarrow.parquet as pq
original, ours = pq.read_table(sys.argv[1]), pq.read_table(sys.argv[2])
same = original.num_rows == ours.num_rows and all(
    original.column(i).equals(ours.column(i).cast(original.column(i).type)) for i in range(original.num_columns))
print("identical values" if same else "DIFFERENT values")
