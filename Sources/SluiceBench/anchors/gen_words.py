# The W1 corpus: Zipf-distributed (s = 1.2) words over a 200,000-word vocabulary, 12 words to a
# line, written in chunks of 2,000,000 draws until at least MIB mebibytes are out. Deterministic:
# numpy's default generator with seed 42, so every machine writes the same bytes.
# usage: gen_words.py OUT MIB
import sys
import numpy as np

SYLLABLES = ["ka", "lo", "mi", "ra", "tu", "ne", "so", "vi", "da", "pe", "qu", "zo", "ha", "ji", "fu", "we"]
VOCABULARY_SIZE = 200_000
DRAWS_PER_CHUNK = 2_000_000
WORDS_PER_LINE = 12


def word_for(rank):
    # The rank's base-16 digits, least significant first, one syllable each (rank 0 is "ka").
    parts = [SYLLABLES[rank % 16]]
    rank //= 16
    while rank > 0:
        parts.append(SYLLABLES[rank % 16])
        rank //= 16
    return "".join(parts)


def main():
    out_path, size_mib = sys.argv[1], int(sys.argv[2])
    vocabulary = np.array([word_for(rank) for rank in range(VOCABULARY_SIZE)])
    generator = np.random.default_rng(42)
    target_bytes = size_mib * 1024 * 1024
    written_bytes = 0
    with open(out_path, "w") as out:
        while written_bytes < target_bytes:
            ranks = generator.zipf(1.2, DRAWS_PER_CHUNK)
            # Draws past the vocabulary are dropped, not clamped, which keeps the tail Zipf.
            words = vocabulary[ranks[ranks <= VOCABULARY_SIZE] - 1]
            lines = [" ".join(words[start:start + WORDS_PER_LINE]) for start in range(0, len(words), WORDS_PER_LINE)]
            chunk = "\n".join(lines) + "\n"
            out.write(chunk)
            written_bytes += len(chunk)


main()
