# W1 in Spark local[THREADS], as the DataFrame API (split + explode + groupBy.count) or as RDDs
# with Python closures (flatMap + reduceByKey). Prints "startup_seconds S": the time from this
# script's start until a trivial query has run, which the harness reports apart from the job.
# usage: words_spark.py INPUT OUTPUT_DIR THREADS dataframe|rdd; writes "word<TAB>count" part files.
import time
script_start = time.perf_counter()
import operator, sys
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

input_path, output_dir, threads, flavour = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
spark = (SparkSession.builder
         .master(f"local[{threads}]")
         .appName("w1-wordcount")
         .config("spark.ui.enabled", "false")
         .config("spark.ui.showConsoleProgress", "false")
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
spark.range(1).count()
print("startup_seconds", time.perf_counter() - script_start, flush=True)

if flavour == "dataframe":
    words = spark.read.text(input_path).select(F.explode(F.split(F.col("value"), " ")).alias("word"))
    (words.where(F.col("word") != "").groupBy("word").count()
        .write.option("sep", "\t").option("header", "false").csv(output_dir))
elif flavour == "rdd":
    (spark.sparkContext.textFile(input_path)
        .flatMap(lambda line: line.split())
        .map(lambda word: (word, 1))
        .reduceByKey(operator.add)
        .map(lambda pair: f"{pair[0]}\t{pair[1]}")
        .saveAsTextFile(output_dir))
else:
    sys.exit(f"unknown flavour {flavour}; known: dataframe, rdd")

gateway = spark.sparkContext._gateway
spark.stop()
# The JVM leaves when its standard input closes. Waiting for it here makes it a reaped child of
# this process, so the harness's wait4 sees its peak memory too.
process = getattr(gateway, "proc", None)
if process is not None:
    process.stdin.close()
    process.wait()
