# W1 in Polars, lazily: lines -> split on spaces -> explode -> group_by(word).len(). The thread
# count comes from POLARS_MAX_THREADS, which the harness sets.
# usage: words_polars.py INPUT OUTPUT; writes "word<TAB>count" lines, no header.
import sys
import polars as pl

input_path, output_path = sys.argv[1], sys.argv[2]
# Tab never occurs in the corpus, so each line is one field; quoting is off so no byte is special.
lines = pl.scan_csv(input_path, has_header=False, separator="\t", quote_char=None,
                    new_columns=["line"], schema_overrides={"line": pl.String})
counts = (lines
          .select(pl.col("line").str.split(" ").alias("word"))
          .explode("word")
          .filter(pl.col("word") != "")
          .group_by("word")
          .len())
counts.collect().write_csv(output_path, separator="\t", include_header=False, quote_style="never")
