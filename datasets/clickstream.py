#!/usr/bin/env python3
"""Click events for the streaming examples, as JSON lines on standard output.

The events have the shape of clicks.jsonl (user_id, page, event_time, duration_ms, device,
referrer), but arrive slightly out of order, as they do from real browsers: each event's time is
up to --disorder-ms behind the newest one. --late-fraction adds events minutes late, and
--malformed-fraction lines a stream pipeline must send to its dead-letter topic.

    python3 datasets/clickstream.py --events 100000 > /tmp/clicks.jsonl
    python3 datasets/clickstream.py --rate 200 --now | sluice topic produce clicks --key user_id

Seeded: the same arguments give the same events (with --now, the same events at other times).
Python 3 standard library only.
"""
import argparse
import datetime
import json
import random
import sys
import time

from generate import BLOG_SLUGS, DEVICES, PAGES, REFERRERS, SEARCH_TERMS

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def iso_millis(millis):
    moment = EPOCH + datetime.timedelta(milliseconds=millis)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{millis % 1000:03d}Z"


def parse_start(text):
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return int((moment - EPOCH).total_seconds() * 1000)


def event(rng, millis, users):
    page = rng.choice(PAGES).format(id=rng.randint(1, 500), query=rng.choice(SEARCH_TERMS), slug=rng.choice(BLOG_SLUGS))
    record = {
        "user_id": rng.randint(1, users),
        "page": page,
        "event_time": iso_millis(millis),
        "duration_ms": int(rng.expovariate(1 / 9000)),
        "device": rng.choice(DEVICES),
        "referrer": rng.choice(REFERRERS) if rng.random() < 0.5 else None,
    }
    return json.dumps(record)


def malformed(rng, millis):
    broken = [
        '{"user_id": 7, "page": "/home", "event_time": "' + iso_millis(millis) + '"',  # cut short
        '{"user_id": "seven", "page": "/home", "event_time": "' + iso_millis(millis) + '"}',  # wrong type
        '{"page": "/home"}',  # no user, no time
        'GET /home HTTP/1.1',  # not JSON at all
    ]
    return rng.choice(broken)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10000, help="how many lines (0: until interrupted)")
    parser.add_argument("--rate", type=float, default=0, help="lines per second of wall time (0: as fast as possible)")
    parser.add_argument("--start", default="2024-03-01T08:00:00Z", help="event time of the first event (ISO 8601)")
    parser.add_argument("--now", action="store_true", help="event times follow the wall clock instead of --start")
    parser.add_argument("--spacing-ms", type=int, default=20, help="mean event-time gap between events without --rate")
    parser.add_argument("--disorder-ms", type=int, default=2000, help="how far an event may lag the newest one")
    parser.add_argument("--late-fraction", type=float, default=0.0, help="fraction of events 2 to 5 minutes late")
    parser.add_argument("--malformed-fraction", type=float, default=0.0, help="fraction of lines that do not parse")
    parser.add_argument("--users", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    newest = int(time.time() * 1000) if args.now else parse_start(args.start)
    began = time.monotonic()
    count = 0
    out = sys.stdout
    while args.events == 0 or count < args.events:
        if args.rate > 0:
            due = began + count / args.rate
            wait = due - time.monotonic()
            if wait > 0:
                out.flush()
                time.sleep(wait)
        if args.now:
            newest = max(newest, int(time.time() * 1000))
        else:
            newest += rng.randint(1, 2 * args.spacing_ms)
        millis = newest - rng.randint(0, args.disorder_ms)
        if rng.random() < args.late_fraction:
            millis = newest - rng.randint(120_000, 300_000)
        if rng.random() < args.malformed_fraction:
            out.write(malformed(rng, millis) + "\n")
        else:
            out.write(event(rng, millis, args.users) + "\n")
        count += 1
    out.flush()


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        pass
