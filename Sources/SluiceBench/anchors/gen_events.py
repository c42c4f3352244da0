# The S1 click events: CSV lines "user,page,ts_ms" with 1,000 users and 200 pages, ten
# milliseconds apart and up to 2 s out of order. Deterministic: Python's random with seed 3,
# drawn in the order user, page, jitter, so every machine writes the same bytes.
# usage: gen_events.py OUTDIR [FILES=4] [EVENTS_PER_FILE=500000]
import os
import random
import sys

out_dir = sys.argv[1]
file_count = int(sys.argv[2]) if len(sys.argv) > 2 else 4
events_per_file = int(sys.argv[3]) if len(sys.argv) > 3 else 500000
os.makedirs(out_dir, exist_ok=True)
generator = random.Random(3)
for file_index in range(file_count):
    first_millis = 1700000000000 + file_index * events_per_file * 10
    with open(os.path.join(out_dir, f"part{file_index}.csv"), "w") as out:
        for event in range(events_per_file):
            user = generator.randint(1, 1000)
            page = generator.randint(1, 200)
            millis = first_millis + event * 10 + generator.randint(-2000, 2000)
            out.write(f"u{user},/p/{page},{millis}\n")
