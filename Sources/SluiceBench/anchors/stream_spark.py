# S1 in Spark Structured Streaming local[THREADS]: click events "user,page,ts_ms" from CSV files,
# count per page per 1-minute event-time window with a 10 s watermark, appended to Parquet with
# checkpoints, trigger availableNow (process what is there, then stop). Prints "startup_seconds S"
# once a trivial query has run, then "rows R events E" for the windows it wrote.
# usage: stream_spark.py INPUT_DIR OUTPUT_DIR CHECKPOINT_DIR THREADS
import time
script_start = time.perf_counter()
import sys
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import LongType, StringType, StructField, StructType

input_dir, output_dir, checkpoint_dir, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
spark = (SparkSession.builder
         .master(f"local[{threads}]")
         .appName("s1-windowed-count")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", str(threads))
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
spark.range(1).count()
print("startup_seconds", time.perf_counter() - script_start, flush=True)

schema = StructType([StructField("user", StringType()), StructField("page", StringType()), StructField("ts", LongType())])
events = (spark.readStream.schema(schema).csv(input_dir)
          .withColumn("event_time", (F.col("ts") / 1000).cast("timestamp")))
counts = (events.withWatermark("event_time", "10 seconds")
          .groupBy(F.window("event_time", "1 minute"), F.col("page"))
          .count()
          .select(F.col("window.start").alias("window_start"), F.col("window.end").alias("window_end"), "page", "count"))
query = (counts.writeStream.outputMode("append").format("parquet")
         .option("path", output_dir).option("checkpointLocation", checkpoint_dir)
         .trigger(availableNow=True).start())
query.awaitTermination()

written = spark.read.parquet(output_dir)
summary = written.agg(F.count("*").alias("rows"), F.sum("count").alias("events")).collect()[0]
print("rows", summary["rows"], "events", summary["events"], flush=True)

gateway = spark.sparkContext._gateway
spark.stop()
# The JVM leaves when its standard input closes; waiting makes it a reaped child of this process.
process = getattr(gateway, "proc", None)
if process is not None:
    process.stdin.close()
    process.wait()
