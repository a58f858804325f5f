package io.narrative.stance.lexicon;

import io.narrative.stance.text.MatchTokenizer;
import io.narrative.stance.text.PhraseMatcher;
import io.narrative.stance.text.TermStemmer;
import io.narrative.stance.text.TextNormalizer;
import io.narrative.stance.text.WordToken;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the stance rules know about one language: its tokenizer, the target aliases and exceptions,
 * the cue lexicon (domain entries first, so they win over general polarity words) and the function words.
 */
public final class LanguageResources implements Serializable {
    /** Languages whose unmarked object follows the verb (subject-verb-object order). */
    private static final Set<String> SVO = Set.of("en", "ru", "fr", "de", "es", "it", "pt", "uk");

    private final String lang;
    private final MatchTokenizer tokenizer;
    private final PhraseMatcher<String> targets;
    private final PhraseMatcher<String> exceptions;
    /** Words after an alias, up to a company suffix, that can still be part of the company's name. */
    static final int COMPANY_NAME_WORDS = 5;
    private final Set<String> companySuffixes = new HashSet<>();
    private final PhraseMatcher<Cue> cues;
    private final PhraseMatcher<FunctionWord> functionWords;
    private final TermStemmer stemmer;
    private final Set<String> patientSuffixes = new HashSet<>();
    private final Set<String> agentEndings = new HashSet<>();
    private final Set<String> activeEndings = new HashSet<>();

    public LanguageResources(String lang) {
        this.lang = lang;
        this.tokenizer = new MatchTokenizer(new TextNormalizer(lang));
        this.targets = new PhraseMatcher<>(tokenizer);
        this.exceptions = new PhraseMatcher<>(tokenizer);
        this.cues = new PhraseMatcher<>(tokenizer);
        this.functionWords = new PhraseMatcher<>(tokenizer);
        this.stemmer = new TermStemmer(lang);
    }

    /** Stems the window words of a trained model's features. */
    public TermStemmer stemmer() {
        return stemmer;
    }

    public void addAlias(String alias, String targetId) {
        targets.add(alias, targetId);
    }

    public void addException(String phrase, String targetId) {
        exceptions.add(phrase, targetId);
    }

    public void addCompanySuffix(String word) {
        companySuffixes.add(tokenizer.normalizer().normalize(word));
    }

    /**
     * Whether the alias at tokens [start, end) is part of a company's name: the capitalised words that follow
     * it (with "of" and "&" between them, at most {@link #COMPANY_NAME_WORDS}) reach one of the language's
     * company suffixes. "American Financial Corp", "U.S. Shoe Corp." and "Volkswagen of America Inc" are
     * companies; "U.S. Commerce Department" and "American officials" are not.
     */
    public boolean insideCompanyName(List<WordToken> tokens, int start, int end) {
        if (companySuffixes.isEmpty()) {
            return false;
        }
        for (int i = end; i < tokens.size() && i < end + COMPANY_NAME_WORDS; i++) {
            WordToken token = tokens.get(i);
            if (!token.word()) {
                if (token.text().equals("&") || token.text().equals(".")) {
                    continue;
                }
                return false;
            }
            boolean capitalised = Character.isUpperCase(token.text().codePointAt(0));
            if (capitalised && companySuffixes.contains(token.norm())) {
                return true;
            }
            if (!capitalised && !token.text().equals("of")) {
                return false; // "a U.S. company", "U.S. industries": the country, not a name
            }
        }
        return false;
    }

    public void addCue(Cue cue) {
        cues.add(cue.term(), cue);
    }

    public void addFunctionWord(String word, FunctionWord role) {
        switch (role) {
            case PATIENT_SUFFIX -> patientSuffixes.add(tokenizer.normalizer().normalize(word));
            case AGENT_ENDING -> agentEndings.add(tokenizer.normalizer().normalize(word));
            case ACTIVE_ENDING -> activeEndings.add(tokenizer.normalizer().normalize(word));
            default -> functionWords.add(word, role);
        }
    }

    public String lang() {
        return lang;
    }

    public MatchTokenizer tokenizer() {
        return tokenizer;
    }

    public PhraseMatcher<String> targets() {
        return targets;
    }

    public PhraseMatcher<String> exceptions() {
        return exceptions;
    }

    public PhraseMatcher<Cue> cues() {
        return cues;
    }

    public PhraseMatcher<FunctionWord> functionWords() {
        return functionWords;
    }

    public boolean subjectVerbObject() {
        return SVO.contains(lang);
    }

    public boolean isPatientSuffix(String suffix) {
        return !suffix.isEmpty() && patientSuffixes.contains(suffix);
    }

    /** Whether a word ends with one of the endings that mark a target after a cue as its owner. */
    public boolean hasAgentEnding(String norm) {
        return endsWithAny(norm, agentEndings);
    }

    /** Whether a cue word is an active form even after an auxiliary ("is sabotaging"). */
    public boolean hasActiveEnding(String norm) {
        return endsWithAny(norm, activeEndings);
    }

    private static boolean endsWithAny(String norm, Set<String> endings) {
        for (String ending : endings) {
            if (norm.length() > ending.length() && norm.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the Turkish-style case suffix rules apply (some patient suffix is configured). */
    public boolean marksObjectsBySuffix() {
        return !patientSuffixes.isEmpty();
    }
}
