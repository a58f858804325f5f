package io.narrative.stance.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds phrases (sequences of {@link TokenPattern}s, each with a value) in a tokenised sentence: at each
 * position the longest phrase that matches wins, and matches do not overlap. Phrases are indexed by their
 * first word (exact forms in one map, prefixes in another), so a sentence costs one lookup per token form
 * and prefix length, not one per phrase.
 */
public final class PhraseMatcher<V extends Serializable> implements Serializable {
    /** One phrase found: tokens [start, end) and the value it was added with. */
    public record Match<V>(int start, int end, V value) implements Serializable {
    }

    private record Entry<V>(List<TokenPattern> words, V value, int order) implements Serializable {
    }

    private final MatchTokenizer tokenizer;
    private final Map<String, List<Entry<V>>> byExactFirst = new HashMap<>();
    private final Map<String, List<Entry<V>>> byPrefixFirst = new HashMap<>();
    private int longestPrefix;
    private int size;

    public PhraseMatcher(MatchTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * Adds a phrase as written in a data file ("White House", "Росси*", "sanction*"). When two phrases are
     * the same words, the one added first wins.
     */
    public void add(String phrase, V value) {
        List<TokenPattern> words = new ArrayList<>();
        for (String part : phrase.strip().split("\\s+")) {
            boolean prefix = part.length() > 1 && part.endsWith("*");
            String body = prefix ? part.substring(0, part.length() - 1) : part;
            List<WordToken> tokens = tokenizer.tokenize(body);
            for (int i = 0; i < tokens.size(); i++) {
                String written = tokens.get(i).text() + (prefix && i == tokens.size() - 1 ? "*" : "");
                words.add(TokenPattern.parse(written, tokenizer.normalizer()));
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty phrase");
        }
        TokenPattern first = words.get(0);
        Map<String, List<Entry<V>>> index = first.prefix() ? byPrefixFirst : byExactFirst;
        index.computeIfAbsent(first.form(), k -> new ArrayList<>()).add(new Entry<>(words, value, size));
        if (first.prefix()) {
            longestPrefix = Math.max(longestPrefix, first.form().length());
        }
        size++;
    }

    public int size() {
        return size;
    }

    public List<Match<V>> find(List<WordToken> tokens) {
        List<Match<V>> found = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Match<V> best = longestAt(tokens, i);
            if (best == null) {
                i++;
            } else {
                found.add(best);
                i = best.end();
            }
        }
        return found;
    }

    private Match<V> longestAt(List<WordToken> tokens, int start) {
        Match<V> best = null;
        int bestOrder = Integer.MAX_VALUE;
        for (Entry<V> entry : candidates(tokens.get(start))) {
            int end = start + entry.words().size();
            boolean notBetter = best != null
                    && (end < best.end() || (end == best.end() && entry.order() >= bestOrder));
            if (end > tokens.size() || notBetter) {
                continue;
            }
            boolean all = true;
            for (int k = 0; k < entry.words().size() && all; k++) {
                all = entry.words().get(k).matches(tokens.get(start + k));
            }
            if (all) {
                best = new Match<>(start, end, entry.value());
                bestOrder = entry.order();
            }
        }
        return best;
    }

    private List<Entry<V>> candidates(WordToken token) {
        List<Entry<V>> out = new ArrayList<>();
        for (String form : token.forms()) {
            List<Entry<V>> exact = byExactFirst.get(form);
            if (exact != null) {
                out.addAll(exact);
            }
            for (int len = 1; len <= Math.min(longestPrefix, form.length()); len++) {
                List<Entry<V>> prefixed = byPrefixFirst.get(form.substring(0, len));
                if (prefixed != null) {
                    out.addAll(prefixed);
                }
            }
        }
        return out;
    }
}
