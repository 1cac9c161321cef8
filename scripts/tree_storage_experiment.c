/*
 * What a versioned tree storage would save the commit at 10^6 accounts (docs/PERFORMANCE.md, fifteenth round).
 *
 * The store keeps the state tree as groups of four levels, one LMDB record a group keyed by the group's path, and a
 * block rewrites the records it changes in place: at 10^6 accounts about 17,000 of the 65,536 records at depth 16, four
 * to a page, so most of those pages are copied and written every block. The Jellyfish Merkle tree keys nodes by
 * version first, so a block's new nodes are appended to fresh pages, and stale ones are pruned later. This program
 * times both layouts in LMDB alone, nothing of Proofmint's around them:
 *
 *   inplace:   records keyed by an 8-byte path; a block overwrites `changed` random records.
 *   versioned: records keyed by version (the block) ‖ path; a block appends `changed` records (MDB_APPEND) and prunes
 *              the version `lag` blocks old, deleting its stale records and moving its live ones to this version.
 *
 * Beside the tree, each block overwrites `keys` random entries of a state table of `entries` 21-byte keys (a block's
 * two accounts a transfer), which is the same in both layouts. Each block is one write transaction, synced on commit.
 * Printed: wall and process CPU time a commit, the kernel's write_bytes a commit (whole folios, an over-count), and
 * the tree table's size at the end; versioned runs count only the blocks after the first prune.
 *
 *   cc -O2 -o /tmp/tree-storage-experiment scripts/tree_storage_experiment.c -llmdb
 *   /tmp/tree-storage-experiment inplace   65536 17000 1000000 20000 30
 *   /tmp/tree-storage-experiment versioned 65536 17000 1000000 20000 30 16
 *   (arguments: layout, groups, changed a block, state entries, changed a block, blocks, lag; a 0 leaves a part out)
 *
 * The database goes to /tmp/tree-storage-experiment.db, removed first.
 */
#include <lmdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(x) do { int rc_ = (x); if (rc_) { fprintf(stderr, "%s:%d %s: %s\n", __FILE__, __LINE__, #x, mdb_strerror(rc_)); exit(1); } } while (0)

static uint64_t state = 88172645463325252ull;
static uint64_t next(void) { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state; }
static double seconds(clockid_t clock) { struct timespec t; clock_gettime(clock, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static long long writtenBytes(void) {
    FILE *file = fopen("/proc/self/io", "r");
    char line[256];
    long long value = 0;
    while (file && fgets(line, sizeof line, file)) if (sscanf(line, "write_bytes: %lld", &value) == 1) break;
    if (file) fclose(file);
    return value;
}
static void putBigEndian(unsigned char *bytes, uint64_t value) { for (int i = 7; i >= 0; i--) { bytes[i] = value & 0xff; value >>= 8; } }
static uint64_t getBigEndian(const unsigned char *bytes) { uint64_t value = 0; for (int i = 0; i < 8; i++) value = value << 8 | bytes[i]; return value; }
static int ascending(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }

/* A state key: 0x01, then a spread-out 8-byte number, then zeros (21 bytes, as an account's key). */
static void stateKey(unsigned char *key, uint64_t entry) { key[0] = 1; putBigEndian(key + 1, entry * 0x9E3779B97F4A7C15ull); memset(key + 9, 0, 12); }

int main(int argc, char **argv) {
    const char *layout = argc > 1 ? argv[1] : "inplace";
    const int versioned = strcmp(layout, "versioned") == 0;
    const int groups = argc > 2 ? atoi(argv[2]) : 65536;
    const int changed = argc > 3 ? atoi(argv[3]) : 17000;
    const int entries = argc > 4 ? atoi(argv[4]) : 1000000;
    const int keys = argc > 5 ? atoi(argv[5]) : 20000;
    const int blocks = argc > 6 ? atoi(argv[6]) : 20;
    const int lag = argc > 7 ? atoi(argv[7]) : 16;
    if (strcmp(layout, "inplace") != 0 && !versioned) { fprintf(stderr, "layout: inplace or versioned\n"); return 2; }
    if (groups < 1 || changed < 0 || changed > groups || entries < 1 || keys < 0 || blocks < 1 || lag < 1) {
        fprintf(stderr, "arguments out of range\n");
        return 2;
    }
    const char *directory = "/tmp/tree-storage-experiment.db";
    if (system("rm -rf /tmp/tree-storage-experiment.db && mkdir -p /tmp/tree-storage-experiment.db") != 0) return 1;

    MDB_env *env;
    CHECK(mdb_env_create(&env));
    CHECK(mdb_env_set_mapsize(env, 16ull << 30));
    CHECK(mdb_env_set_maxdbs(env, 2));
    CHECK(mdb_env_open(env, directory, MDB_NORDAHEAD, 0644));
    MDB_txn *txn;
    MDB_dbi tree, table;
    CHECK(mdb_txn_begin(env, NULL, 0, &txn));
    CHECK(mdb_dbi_open(txn, "tree", MDB_CREATE, &tree));
    CHECK(mdb_dbi_open(txn, "state", MDB_CREATE, &table));

    /* Group g's path sorts as g does; its record holds 3 to 15 nodes of 65 bytes after a 2-byte header. */
    uint64_t *paths = malloc(sizeof(uint64_t) * groups);
    uint64_t *version = calloc(groups, sizeof(uint64_t));
    int *length = malloc(sizeof(int) * groups);
    int *live = malloc(sizeof(int) * groups);
    int *pick = malloc(sizeof(int) * groups);
    if (!paths || !version || !length || !live || !pick) return 1;
    for (int g = 0; g < groups; g++) { paths[g] = (uint64_t)g << 40 | (next() & 0xffffffffffull); length[g] = 2 + 65 * (3 + (int)(next() % 13)); }
    unsigned char key[16], value[1024], stateKeyBytes[21];
    memset(value, 0xab, sizeof value);
    for (int g = 0; g < groups; g++) {
        MDB_val k = { versioned ? 16 : 8, key }, v = { (size_t)length[g], value };
        if (versioned) { putBigEndian(key, 0); putBigEndian(key + 8, paths[g]); } else putBigEndian(key, paths[g]);
        CHECK(mdb_put(txn, tree, &k, &v, MDB_APPEND));
    }
    for (int e = 0; e < entries; e++) {
        stateKey(stateKeyBytes, (uint64_t)e);
        MDB_val k = { 21, stateKeyBytes }, v = { 70, value };
        CHECK(mdb_put(txn, table, &k, &v, 0));
    }
    CHECK(mdb_txn_commit(txn));

    double wall = 0, cpu = 0;
    long long written = 0;
    int counted = 0;
    for (int b = 1; b <= blocks; b++) {
        for (int g = 0; g < groups; g++) pick[g] = g;
        for (int i = 0; i < changed; i++) { int j = i + (int)(next() % (uint64_t)(groups - i)); int t = pick[i]; pick[i] = pick[j]; pick[j] = t; }
        qsort(pick, changed, sizeof(int), ascending);
        const long long written0 = writtenBytes();
        const double wall0 = seconds(CLOCK_MONOTONIC), cpu0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
        CHECK(mdb_txn_begin(env, NULL, 0, &txn));
        for (int i = 0; i < keys; i++) {
            stateKey(stateKeyBytes, next() % (uint64_t)entries);
            MDB_val k = { 21, stateKeyBytes }, v = { 70, value };
            CHECK(mdb_put(txn, table, &k, &v, 0));
        }
        for (int i = 0; i < changed; i++) {
            const int g = pick[i];
            MDB_val k = { versioned ? 16 : 8, key }, v = { (size_t)length[g], value };
            if (versioned) {
                putBigEndian(key, (uint64_t)b);
                putBigEndian(key + 8, paths[g]);
                version[g] = (uint64_t)b;
                CHECK(mdb_put(txn, tree, &k, &v, MDB_APPEND));
            } else {
                putBigEndian(key, paths[g]);
                CHECK(mdb_put(txn, tree, &k, &v, 0));
            }
        }
        if (versioned && b >= lag) {
            /* Prune version b − lag: every record of it goes; the groups still at that version are written again as b. */
            const uint64_t old = (uint64_t)(b - lag);
            MDB_cursor *cursor;
            CHECK(mdb_cursor_open(txn, tree, &cursor));
            unsigned char start[16];
            putBigEndian(start, old);
            memset(start + 8, 0, 8);
            MDB_val k = { 16, start }, v;
            int rc = mdb_cursor_get(cursor, &k, &v, MDB_SET_RANGE), kept = 0;
            while (rc == 0 && getBigEndian(k.mv_data) == old) {
                const int g = (int)(getBigEndian((unsigned char *)k.mv_data + 8) >> 40);
                if (version[g] == old) live[kept++] = g;
                CHECK(mdb_cursor_del(cursor, 0));
                rc = mdb_cursor_get(cursor, &k, &v, MDB_GET_CURRENT);
            }
            mdb_cursor_close(cursor);
            for (int i = 0; i < kept; i++) {
                const int g = live[i];
                putBigEndian(key, (uint64_t)b);
                putBigEndian(key + 8, paths[g]);
                version[g] = (uint64_t)b;
                MDB_val kk = { 16, key }, vv = { (size_t)length[g], value };
                CHECK(mdb_put(txn, tree, &kk, &vv, 0));
            }
        }
        CHECK(mdb_txn_commit(txn));
        if (!versioned || b > lag) {
            wall += seconds(CLOCK_MONOTONIC) - wall0;
            cpu += seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
            written += writtenBytes() - written0;
            counted++;
        }
    }
    MDB_stat stat;
    CHECK(mdb_txn_begin(env, NULL, MDB_RDONLY, &txn));
    CHECK(mdb_stat(txn, tree, &stat));
    mdb_txn_abort(txn);
    if (counted == 0) { fprintf(stderr, "no block after the first prune: give more blocks than the lag\n"); return 2; }
    printf("%s: %d groups (%d changed), %d state entries (%d changed): commit %.1f ms a block, CPU %.1f ms, "
           "write_bytes %.1f MiB (mean of %d blocks); tree: %zu records, %zu leaf pages\n",
           layout, groups, changed, entries, keys, wall * 1e3 / counted, cpu * 1e3 / counted, written / 1048576.0 / counted, counted,
           stat.ms_entries, stat.ms_leaf_pages);
    mdb_env_close(env);
    return 0;
}
