# W1 in DuckDB SQL: string_split + unnest + GROUP BY.
# usage: words_duckdb.py INPUT OUTPUT THREADS; writes "word<TAB>count" lines, no header.
import os, sys
import duckdb

input_path, output_path, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
con = duckdb.connect()
con.execute(f"SET threads = {threads}")
source = input_path.replace("'", "''")
target = output_path.replace("'", "''")
# Tab never occurs in the corpus, so each line is one column; quoting and escaping are off.
con.execute(f"""
    COPY (
        SELECT word, count(*) AS n
        FROM (SELECT unnest(string_split(line, ' ')) AS word
              FROM read_csv('{source}', columns = {{'line': 'VARCHAR'}}, header = false,
                            delim = '\t', quote = '', escape = '', auto_detect = false))
        WHERE word <> ''
        GROUP BY word
    ) TO '{target}' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '')
""")
sys.stdout.flush()
os._exit(0)  # skip interpreter shutdown: DuckDB's threads can abort it after all work is done
