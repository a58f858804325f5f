package io.narrative.tokenize;

import java.io.Serializable;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * One language's learned phrases, as the set of "first second" strings that users and tests see, with a lookup
 * by the two terms that builds no string: phrase application asks once per adjacent pair of every sentence, and
 * almost always for a first term that starts no phrase.
 */
final class PhraseSet extends AbstractSet<String> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Set<String> phrases = new HashSet<>();
    private final Map<String, Set<String>> secondsByFirst = new HashMap<>();

    void add(String first, String second) {
        phrases.add(first + " " + second);
        secondsByFirst.computeIfAbsent(first, k -> new HashSet<>()).add(second);
    }

    /** True when "first second" is a phrase. */
    boolean joins(String first, String second) {
        Set<String> seconds = secondsByFirst.get(first);
        return seconds != null && seconds.contains(second);
    }

    @Override
    public boolean contains(Object phrase) {
        return phrases.contains(phrase);
    }

    @Override
    public Iterator<String> iterator() {
        return java.util.Collections.unmodifiableSet(phrases).iterator();
    }

    @Override
    public int size() {
        return phrases.size();
    }
}
