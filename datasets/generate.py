#!/usr/bin/env python3
"""Regenerates the sample data sets in this folder, or larger ones elsewhere.

Standard library only and seeded, so the same arguments always give the same bytes:

    python3 datasets/generate.py                          # the committed samples
    python3 datasets/generate.py --rows 10000000 --out /tmp/big

--rows sets the row count of orders.csv and clicks.jsonl, --lines the line count of
words.txt. cities.csv is a fixed list of real cities and is always written whole.
Files are streamed to disk, so large row counts need little memory.
"""

import argparse
import csv
import datetime
import json
import os
import random

DEFAULT_ORDER_ROWS = 2000
DEFAULT_CLICK_ROWS = 3000
DEFAULT_WORD_LINES = 400

FIRST_NAMES = [
    "Anna", "Ben", "Chloé", "David", "Elif", "Farah", "Giulia", "Hiroshi", "Ingrid", "José",
    "Kwame", "Lena", "Mateo", "Nadia", "Olga", "Pedro", "Qiu", "Rahul", "Sofia", "Tomás",
    "Uma", "Viktor", "Wei", "Ximena", "Yusuf", "Zoë", "Łukasz", "Søren", "Amélie", "Björn",
]
LAST_NAMES = [
    "Smith", "Müller", "García", "Rossi", "Kowalski", "Nguyen", "Tanaka", "Okafor", "Johansson",
    "Dubois", "Novak", "Silva", "Khan", "Ivanova", "O'Brien", "van der Berg", "Papadopoulos",
    "Fernández", "Larsen", "Cohen", "Smith, Jr.", "Yılmaz", "Schmidt", "Moreau", "Kim",
]
COUNTRIES = ["US", "DE", "FR", "GB", "ES", "IT", "PL", "NL", "SE", "JP", "BR", "IN", "NG", "CA", "AU"]
COUNTRY_WEIGHTS = [30, 12, 9, 10, 6, 6, 4, 4, 3, 5, 4, 3, 1, 2, 1]
STATUSES = ["delivered", "shipped", "pending", "cancelled", "returned"]
STATUS_WEIGHTS = [55, 20, 12, 8, 5]
NOTES = [
    "Leave at the door, please",
    'Customer said "urgent"',
    'Gift wrap; card reads "Happy birthday, Anna!"',
    "Call before delivery\nGate code 4411",
    "Second attempt, first parcel lost",
    "Fragile: glass, handle with care",
    'Asked for "eco" packaging, no plastic',
    "Deliver after 6 pm",
    "Reorder of #{order}",
    "Paid by invoice, net 30",
    "Ring twice",
    "Address line 2: Flat 3, Rear entrance",
]

PAGES = [
    "/", "/products", "/products/{id}", "/cart", "/checkout", "/search?q={query}",
    "/account", "/help/shipping", "/blog/{slug}", "/deals",
]
SEARCH_TERMS = ["shoes", "café table", "lamp", "naïve art", "🍕 oven", "desk", "garden hose", "Zürich map"]
BLOG_SLUGS = ["spring-sale", "how-we-ship", "caring-for-linen", "meet-the-makers"]
REFERRERS = [
    "https://www.google.com/", "https://duckduckgo.com/", "https://news.ycombinator.com/",
    "https://t.co/x1y2z3", "https://www.bing.com/", "https://newsletter.example.com/issue-42",
]
DEVICES = ["desktop", "mobile", "tablet"]
CAMPAIGNS = [("newsletter", "spring"), ("social", "launch"), ("partner", "bundle")]

# name, country, population (city proper, approximate), latitude, longitude
CITIES = [
    ("Tokyo", "JP", 13960000, 35.6895, 139.6917),
    ("東京都新宿区", "JP", 349000, 35.6938, 139.7034),
    ("Delhi", "IN", 16787941, 28.6139, 77.2090),
    ("Shanghai", "CN", 24870895, 31.2304, 121.4737),
    ("São Paulo", "BR", 12325232, -23.5505, -46.6333),
    ("Ciudad de México", "MX", 9209944, 19.4326, -99.1332),
    ("Cairo", "EG", 9539673, 30.0444, 31.2357),
    ("Mumbai", "IN", 12442373, 19.0760, 72.8777),
    ("Beijing", "CN", 21893095, 39.9042, 116.4074),
    ("Dhaka", "BD", 10278882, 23.8103, 90.4125),
    ("Osaka", "JP", 2752412, 34.6937, 135.5023),
    ("New York", "US", 8336817, 40.7128, -74.0060),
    ("Karachi", "PK", 14910352, 24.8607, 67.0011),
    ("Buenos Aires", "AR", 3075646, -34.6037, -58.3816),
    ("İstanbul", "TR", 15462452, 41.0082, 28.9784),
    ("Lagos", "NG", 8048430, 6.5244, 3.3792),
    ("Kinshasa", "CD", 14970000, -4.4419, 15.2663),
    ("Manila", "PH", 1846513, 14.5995, 120.9842),
    ("Rio de Janeiro", "BR", 6747815, -22.9068, -43.1729),
    ("Москва", "RU", 13010112, 55.7558, 37.6173),
    ("Санкт-Петербург", "RU", 5384342, 59.9343, 30.3351),
    ("Paris", "FR", 2102650, 48.8566, 2.3522),
    ("London", "GB", 8799800, 51.5072, -0.1276),
    ("Berlin", "DE", 3677472, 52.5200, 13.4050),
    ("München", "DE", 1512491, 48.1351, 11.5820),
    ("Köln", "DE", 1084831, 50.9375, 6.9603),
    ("Zürich", "CH", 421878, 47.3769, 8.5417),
    ("Genève", "CH", 203856, 46.2044, 6.1432),
    ("Wien", "AT", 1982097, 48.2082, 16.3738),
    ("Kraków", "PL", 804237, 50.0647, 19.9450),
    ("Łódź", "PL", 672185, 51.7592, 19.4560),
    ("Warszawa", "PL", 1863056, 52.2297, 21.0122),
    ("Praha", "CZ", 1357326, 50.0755, 14.4378),
    ("København", "DK", 644431, 55.6761, 12.5683),
    ("Malmö", "SE", 351749, 55.6050, 13.0038),
    ("Reykjavík", "IS", 139875, 64.1466, -21.9426),
    ("Tromsø", "NO", 77544, 69.6492, 18.9553),
    ("Helsinki", "FI", 658864, 60.1699, 24.9384),
    ("Αθήνα", "GR", 643452, 37.9838, 23.7275),
    ("Lisboa", "PT", 545796, 38.7223, -9.1393),
    ("Sevilla", "ES", 684234, 37.3891, -5.9845),
    ("A Coruña", "ES", 247376, 43.3623, -8.4115),
    ("Roma", "IT", 2748109, 41.9028, 12.4964),
    ("Bologna", "IT", 392203, 44.4949, 11.3426),
    ("Montréal", "CA", 1762949, 45.5019, -73.5674),
    ("Québec", "CA", 549459, 46.8139, -71.2080),
    ("Toronto", "CA", 2794356, 43.6532, -79.3832),
    ("San José", "CR", 352381, 9.9281, -84.0907),
    ("Bogotá", "CO", 7743955, 4.7110, -74.0721),
    ("Asunción", "PY", 521559, -25.2637, -57.5759),
    ("Sydney", "AU", 5312163, -33.8688, 151.2093),
    ("Auckland", "NZ", 1440300, -36.8485, 174.7633),
    ("서울", "KR", 9586195, 37.5665, 126.9780),
    ("Hà Nội", "VN", 8246600, 21.0278, 105.8342),
    ("กรุงเทพมหานคร", "TH", 10539000, 13.7563, 100.5018),
    ("القاهرة الجديدة", "EG", 1000000, 30.0300, 31.4700),
    ("תל אביב-יפו", "IL", 467875, 32.0853, 34.7818),
    ("Nairobi", "KE", 4397073, -1.2921, 36.8219),
    ("Addis Ababa", "ET", 3384569, 9.0054, 38.7636),
    ("Accra", "GH", 2557000, 5.6037, -0.1870),
    ("Dakar", "SN", 1438725, 14.7167, -17.4677),
    ("Cape Town", "ZA", 4772846, -33.9249, 18.4241),
    ("Ushuaia", "AR", 82615, -54.8019, -68.3030),
    ("Nuuk", "GL", 19872, 64.1814, -51.6941),
    ("Longyearbyen", "SJ", None, 78.2232, 15.6267),
]

WORDS = {
    "adjective": [
        "old", "quiet", "grey", "bright", "narrow", "wide", "cold", "warm", "small", "great",
        "dark", "golden", "slow", "restless", "patient", "silver", "distant", "green", "weary", "long",
    ],
    "noun": [
        "river", "mill", "town", "road", "harbour", "winter", "lantern", "field", "miller", "ferryman",
        "bridge", "orchard", "sea", "wind", "clock", "market", "letter", "garden", "valley", "house",
        "water", "stone", "morning", "evening", "boat", "door", "window", "child", "traveller", "bell",
    ],
    "verb": [
        "turned", "waited", "carried", "watched", "crossed", "followed", "remembered", "opened",
        "closed", "kept", "found", "lost", "counted", "mended", "sang", "passed", "held", "left",
    ],
    "preposition": ["over", "beside", "beyond", "under", "through", "along", "across", "towards", "past", "behind"],
    "adverb": ["slowly", "again", "at last", "once more", "before dawn", "without a word", "for a while", "in silence"],
    "name": ["Martha", "the miller", "old Tobias", "the ferryman", "Elinor", "the children", "the keeper", "Jonah"],
}
SENTENCE_FORMS = [
    "The {adjective} {noun} {verb} {preposition} the {noun}.",
    "{Name} {verb} the {noun} {adverb}, and the {noun} {verb} {preposition} the {adjective} {noun}.",
    "In the {adjective} {noun} there was a {noun}, and {name} {verb} it {adverb}.",
    "No one {verb} the {noun}; the {adjective} {noun} {verb} {preposition} the {noun} {adverb}.",
    "When the {noun} came, {name} {verb} the {adjective} {noun} {preposition} the {noun}.",
    "It was {adjective}, and the {noun} was {adjective}, and the {noun} {verb} {adverb}.",
    "\"The {noun} is {adjective},\" said {name}, \"and the {noun} is {adjective}.\"",
]


def pick_word(rng, kind):
    # Squaring the uniform draw favours the first words, giving a Zipf-like frequency curve
    # that makes word counts interesting.
    words = WORDS[kind]
    return words[int(len(words) * rng.random() ** 2)]


def sentence(rng):
    form = rng.choice(SENTENCE_FORMS)
    out = []
    index = 0
    while index < len(form):
        if form[index] == "{":
            end = form.index("}", index)
            key = form[index + 1:end]
            word = pick_word(rng, key.lower())
            if key[0].isupper():
                word = word[0].upper() + word[1:]
            out.append(word)
            index = end + 1
        else:
            out.append(form[index])
            index += 1
    text = "".join(out)
    return text[0].upper() + text[1:]


def write_orders(path, rows, rng):
    start = datetime.date(2023, 1, 1)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["order_id", "customer", "country", "order_date", "amount", "status", "note"])
        for index in range(rows):
            order_id = 100001 + index
            customer = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            country = rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0] if rng.random() > 0.01 else ""
            order_date = start + datetime.timedelta(days=min(729, index * 730 // max(rows, 1) + rng.randint(0, 3)))
            amount = f"{min(rng.lognormvariate(3.6, 0.9), 9999.99):.2f}" if rng.random() > 0.015 else ""
            status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
            note = ""
            if rng.random() < 0.35:
                note = rng.choice(NOTES).replace("{order}", str(order_id - rng.randint(1, 500)))
            writer.writerow([order_id, customer, country, order_date.isoformat(), amount, status, note])


def write_clicks(path, rows, rng):
    moment = datetime.datetime(2024, 3, 1, 8, 0, 0)
    with open(path, "w", encoding="utf-8") as handle:
        for _ in range(rows):
            moment += datetime.timedelta(milliseconds=rng.randint(1, 4000))
            page = rng.choice(PAGES).format(
                id=rng.randint(1, 500), query=rng.choice(SEARCH_TERMS), slug=rng.choice(BLOG_SLUGS))
            event = {
                "user_id": rng.randint(1, 400),
                "page": page,
                "event_time": moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z",
                "duration_ms": int(rng.expovariate(1 / 9000)),
                "device": rng.choice(DEVICES),
            }
            roll = rng.random()
            if roll < 0.45:
                event["referrer"] = rng.choice(REFERRERS)
            elif roll < 0.9:
                event["referrer"] = None
            # Otherwise the key is missing, as in real event logs.
            if rng.random() < 0.05:
                source, campaign = rng.choice(CAMPAIGNS)
                event["utm"] = {"source": source, "campaign": campaign}
            handle.write(json.dumps(event) + "\n")


def write_cities(path):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "country", "population", "latitude", "longitude"])
        for name, country, population, latitude, longitude in CITIES:
            writer.writerow([name, country, "" if population is None else population, f"{latitude:.4f}", f"{longitude:.4f}"])


def write_words(path, lines, rng):
    with open(path, "w", encoding="utf-8") as handle:
        for _ in range(lines):
            if rng.random() < 0.08:
                handle.write("\n")
                continue
            handle.write(" ".join(sentence(rng) for _ in range(rng.randint(1, 3))) + "\n")


def write_links(path, pages, rng):
    """A small web graph for PageRank: `source target` per line; popular pages attract more links."""
    names = [f"/page/{index}" for index in range(1, pages + 1)]
    weights = [1.0 / (rank ** 0.8) for rank in range(1, pages + 1)]
    with open(path, "w", encoding="utf-8") as handle:
        for source in names:
            targets = set()
            for _ in range(rng.randint(1, 8)):
                target = rng.choices(names, weights)[0]
                if target != source:
                    targets.add(target)
            for target in sorted(targets):
                handle.write(f"{source} {target}\n")


def write_documents(folder, documents, rng):
    """Short text documents for the inverted index: `doc-01.txt` ... each a few paragraphs."""
    os.makedirs(folder, exist_ok=True)
    for number in range(1, documents + 1):
        with open(os.path.join(folder, f"doc-{number:02d}.txt"), "w", encoding="utf-8") as handle:
            for _ in range(rng.randint(3, 12)):
                handle.write(" ".join(sentence(rng) for _ in range(rng.randint(1, 3))) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=None,
                        help=f"rows of orders.csv and clicks.jsonl (default {DEFAULT_ORDER_ROWS} and {DEFAULT_CLICK_ROWS})")
    parser.add_argument("--lines", type=int, default=DEFAULT_WORD_LINES, help="lines of words.txt")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)), help="output folder")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    # One generator per file, so changing one file's size leaves the others' bytes alone.
    write_orders(os.path.join(args.out, "orders.csv"), args.rows or DEFAULT_ORDER_ROWS, random.Random(args.seed))
    write_clicks(os.path.join(args.out, "clicks.jsonl"), args.rows or DEFAULT_CLICK_ROWS, random.Random(args.seed + 1))
    write_cities(os.path.join(args.out, "cities.csv"))
    write_words(os.path.join(args.out, "words.txt"), args.lines, random.Random(args.seed + 2))
    write_links(os.path.join(args.out, "links.txt"), 300, random.Random(args.seed + 3))
    write_documents(os.path.join(args.out, "docs"), 12, random.Random(args.seed + 4))


if __name__ == "__main__":
    main()
