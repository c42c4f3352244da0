// The W1 floor: word count in one thread, as plainly fast as C gets without tricks. The input is
// mapped, not read, and words are counted in an open-addressing table that points into the
// mapping (no copies). Words are separated by spaces and newlines.
// usage: wordcount INPUT OUTPUT; writes "word<TAB>count" lines to OUTPUT in table order and
// "words N distinct M" to standard error.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct slot {
    const char *word;  // NULL while the slot is free
    uint32_t length;
    uint32_t hash;
    uint64_t count;
};

static struct slot *slots;
static size_t slot_count;  // a power of two
static size_t used_count;

static uint32_t hash_bytes(const char *bytes, size_t length) {
    // FNV-1a: short words dominate, and it needs no tail handling.
    uint32_t hash = 2166136261u;
    for (size_t index = 0; index < length; index++) {
        hash ^= (unsigned char)bytes[index];
        hash *= 16777619u;
    }
    return hash;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

static void grow(void) {
    size_t old_count = slot_count;
    struct slot *old = slots;
    slot_count = old_count * 2;
    slots = calloc(slot_count, sizeof(struct slot));
    if (!slots) die("calloc");
    size_t mask = slot_count - 1;
    for (size_t index = 0; index < old_count; index++) {
        if (!old[index].word) continue;
        size_t probe = old[index].hash & mask;
        while (slots[probe].word) probe = (probe + 1) & mask;
        slots[probe] = old[index];
    }
    free(old);
}

static void count_word(const char *word, uint32_t length) {
    uint32_t hash = hash_bytes(word, length);
    size_t mask = slot_count - 1;
    size_t probe = hash & mask;
    for (;;) {
        struct slot *slot = &slots[probe];
        if (!slot->word) {
            slot->word = word;
            slot->length = length;
            slot->hash = hash;
            slot->count = 1;
            // Half full at most, so probe runs stay short.
            if (++used_count * 2 > slot_count) grow();
            return;
        }
        if (slot->hash == hash && slot->length == length && memcmp(slot->word, word, length) == 0) {
            slot->count++;
            return;
        }
        probe = (probe + 1) & mask;
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: wordcount INPUT OUTPUT\n");
        return 2;
    }
    int descriptor = open(argv[1], O_RDONLY);
    if (descriptor < 0) die(argv[1]);
    struct stat status;
    if (fstat(descriptor, &status) != 0) die("fstat");
    size_t size = (size_t)status.st_size;
    const char *data = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, descriptor, 0) : NULL;
    if (size && data == MAP_FAILED) die("mmap");
    if (size) madvise((void *)data, size, MADV_SEQUENTIAL);

    slot_count = 1 << 16;
    slots = calloc(slot_count, sizeof(struct slot));
    if (!slots) die("calloc");

    uint64_t word_count = 0;
    const char *cursor = data;
    const char *end = data + size;
    while (cursor < end) {
        while (cursor < end && (*cursor == ' ' || *cursor == '\n')) cursor++;
        const char *start = cursor;
        while (cursor < end && *cursor != ' ' && *cursor != '\n') cursor++;
        if (cursor > start) {
            count_word(start, (uint32_t)(cursor - start));
            word_count++;
        }
    }

    FILE *output = fopen(argv[2], "w");
    if (!output) die(argv[2]);
    static char output_buffer[1 << 20];
    setvbuf(output, output_buffer, _IOFBF, sizeof output_buffer);
    for (size_t index = 0; index < slot_count; index++) {
        if (slots[index].word) {
            fprintf(output, "%.*s\t%llu\n", (int)slots[index].length, slots[index].word,
                    (unsigned long long)slots[index].count);
        }
    }
    if (fclose(output) != 0) die(argv[2]);
    fprintf(stderr, "words %llu distinct %zu\n", (unsigned long long)word_count, used_count);
    return 0;
}
