package io.narrative.stance.text;

import java.io.Serializable;

/**
 * One word of a target alias, lexicon entry or cue word: a normalised form, whether it is a prefix
 * (written with a trailing *) and how strictly the case of the sentence's word must agree.
 */
public record TokenPattern(String form, boolean prefix, CaseRule caseRule, String written) implements Serializable {
    /** How the case of a sentence's word must agree with the pattern as written. */
    public enum CaseRule {
        /** Written in capitals (US, США): the word must be written exactly so. */
        EXACT,
        /** Written capitalised (Russia): the word must start with a capital. */
        CAPITALISED,
        /** Written in lower case: any case. */
        ANY
    }

    /** Parses one word as written in a data file, e.g. {@code US}, {@code Росси*}, {@code sanction*}. */
    public static TokenPattern parse(String word, TextNormalizer normalizer) {
        boolean prefix = word.length() > 1 && word.endsWith("*");
        String written = prefix ? word.substring(0, word.length() - 1) : word;
        return new TokenPattern(normalizer.normalize(written), prefix, caseRule(written), written);
    }

    private static CaseRule caseRule(String written) {
        long letters = written.codePoints().filter(Character::isLetter).count();
        long cased = written.codePoints().filter(c -> Character.isUpperCase(c) || Character.isLowerCase(c)).count();
        if (cased == 0) {
            return CaseRule.ANY;
        }
        boolean allUpper = written.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
        if (allUpper && letters >= 2) {
            return CaseRule.EXACT;
        }
        return TextNormalizer.capitalised(written) && Character.isUpperCase(written.codePointAt(0))
                ? CaseRule.CAPITALISED : CaseRule.ANY;
    }

    public boolean matches(WordToken token) {
        boolean formMatches = false;
        for (String candidate : token.forms()) {
            if (prefix ? candidate.startsWith(form) : candidate.equals(form)) {
                formMatches = true;
                break;
            }
        }
        return formMatches && caseAgrees(token.text());
    }

    private boolean caseAgrees(String text) {
        return switch (caseRule) {
            case ANY -> true;
            case CAPITALISED -> TextNormalizer.capitalised(text);
            case EXACT -> {
                int apostrophe = Math.max(text.indexOf('\''), text.indexOf('’'));
                String base = apostrophe > 0 ? text.substring(0, apostrophe) : text;
                yield prefix ? base.startsWith(written) : base.equals(written);
            }
        };
    }
}
