package io.narrative.stance;

import io.narrative.core.config.StanceConfig;
import io.narrative.stance.lexicon.Cue;
import io.narrative.stance.lexicon.CueKind;
import io.narrative.stance.lexicon.CueKind.Role;
import io.narrative.stance.lexicon.FunctionWord;
import io.narrative.stance.lexicon.LanguageResources;
import io.narrative.stance.lexicon.StanceResources;
import io.narrative.stance.text.PhraseMatcher.Match;
import io.narrative.stance.text.WordToken;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default stance scorer: finds the targets' mentions in a sentence, the lexicon cues around them, and
 * adds up each cue's weight toward the target it is attached to.
 *
 * <p>A cue counts toward the nearest target mention (ties count for each), within {@code stance.window}
 * words, with a weight that falls with distance: 1 / (1 + (d - 1) / 4) for d words apart. A negator before it
 * flips and damps it (x -0.74, as VADER does), an intensifier strengthens it (x1.3), a hedge weakens it
 * (x0.6). The target's role decides what the cue says about it ({@link CueKind#factor}): a harm done by the
 * target counts against it, a harm done to it counts (damped) in its favour. The sentence score is tanh of
 * the sum, in [-1, 1].
 */
public final class SentenceScorer implements Serializable {
    /** The target id given to a mention named by labelled data rather than found through the targets file. */
    public static final String GOLD_TARGET = "__gold__";
    static final double NEGATION = -0.74;
    static final double INTENSIFIER = 1.3;
    static final double HEDGE = 0.6;
    private static final Set<String> CLAUSE_BREAKS = Set.of(",", ";", ":", "(", ")", "\"", "«", "»", "“", "”",
            "„", "—", "–", "!", "?", "،", "؛", "؟");

    private final StanceResources resources;
    private final StanceConfig config;

    public SentenceScorer(StanceResources resources, StanceConfig config) {
        this.resources = resources;
        this.config = config;
    }

    /** Stance toward every target mentioned in the sentence; empty when none is. */
    public List<TargetStance> score(String lang, String text) {
        LanguageResources res = resources.forLanguage(lang);
        if (res == null || text == null || text.isEmpty()) {
            return List.of();
        }
        List<WordToken> tokens = res.tokenizer().tokenize(text);
        List<MentionSpan> mentions = findMentions(res, tokens, text);
        return mentions.isEmpty() ? List.of() : new SentenceAnalysis(res, tokens, text, mentions).run();
    }

    /**
     * Stance toward the mention at [charStart, charEnd) of the sentence, whatever it names (labelled data names
     * its own targets); the targets file's mentions elsewhere in the sentence still compete for the cues.
     */
    public TargetStance scoreSpan(String lang, String text, int charStart, int charEnd) {
        LanguageResources res = resources.forLanguage(lang);
        if (res == null) {
            res = new LanguageResources(lang);
        }
        List<WordToken> tokens = res.tokenizer().tokenize(text);
        int first = -1;
        int last = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).end() > charStart && tokens.get(i).start() < charEnd) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0) {
            return new TargetStance(GOLD_TARGET, 0.0, List.of(), List.of(), new double[StanceFeatures.SIZE],
                    List.of());
        }
        MentionSpan gold = new MentionSpan(GOLD_TARGET, text.substring(charStart, charEnd), charStart, charEnd,
                first, last + 1);
        List<MentionSpan> mentions = new ArrayList<>();
        mentions.add(gold);
        for (MentionSpan other : findMentions(res, tokens, text)) {
            if (other.tokenEnd() <= gold.tokenStart() || other.tokenStart() >= gold.tokenEnd()) {
                mentions.add(other);
            }
        }
        return new SentenceAnalysis(res, tokens, text, mentions).run().stream()
                .filter(s -> s.target().equals(GOLD_TARGET)).findFirst().orElseThrow();
    }

    /** The targets file's mentions, without those inside one of the target's exceptions or a company's name. */
    static List<MentionSpan> findMentions(LanguageResources res, List<WordToken> tokens, String text) {
        List<Match<String>> exceptions = res.exceptions().find(tokens);
        List<MentionSpan> mentions = new ArrayList<>();
        for (Match<String> m : res.targets().find(tokens)) {
            boolean excepted = exceptions.stream().anyMatch(e -> e.value().equals(m.value())
                    && e.start() < m.end() && m.start() < e.end()) || res.insideCompanyName(tokens, m.start(), m.end());
            if (!excepted) {
                int charStart = tokens.get(m.start()).start();
                int charEnd = tokens.get(m.end() - 1).end();
                mentions.add(new MentionSpan(m.value(), text.substring(charStart, charEnd), charStart, charEnd,
                        m.start(), m.end()));
            }
        }
        return mentions;
    }

    /** One sentence being scored: its tokens, mentions, cues and function words. */
    private final class SentenceAnalysis {
        private final LanguageResources res;
        private final List<WordToken> tokens;
        private final String text;
        private final Map<String, List<MentionSpan>> mentionsByTarget = new LinkedHashMap<>();
        private final List<Match<FunctionWord>> functionWords;
        /** wordsBefore[i]: word tokens before token i, so distances ignore punctuation. */
        private final int[] wordsBefore;

        SentenceAnalysis(LanguageResources res, List<WordToken> tokens, String text, List<MentionSpan> mentions) {
            this.res = res;
            this.tokens = tokens;
            this.text = text;
            mentions.forEach(m -> mentionsByTarget.computeIfAbsent(m.target(), k -> new ArrayList<>()).add(m));
            this.functionWords = res.functionWords().find(tokens);
            this.wordsBefore = new int[tokens.size() + 1];
            for (int i = 0; i < tokens.size(); i++) {
                wordsBefore[i + 1] = wordsBefore[i] + (tokens.get(i).word() ? 1 : 0);
            }
        }

        List<TargetStance> run() {
            Map<String, StanceFeatures> features = new LinkedHashMap<>();
            Map<String, List<EvidenceItem>> evidence = new LinkedHashMap<>();
            mentionsByTarget.forEach((target, mentions) -> {
                features.put(target, new StanceFeatures(mentions.size(), wordsBefore[tokens.size()]));
                evidence.put(target, new ArrayList<>());
            });
            for (Match<Cue> cue : res.cues().find(tokens)) {
                if (!insideMention(cue)) {
                    attach(cue, features, evidence);
                }
            }
            List<TargetStance> out = new ArrayList<>();
            mentionsByTarget.forEach((target, mentions) -> {
                StanceFeatures f = features.get(target);
                out.add(new TargetStance(target, Math.tanh(f.total()), mentions, evidence.get(target), f.toArray(),
                        windowTerms(target)));
            });
            return out;
        }

        private void attach(Match<Cue> cue, Map<String, StanceFeatures> features,
                Map<String, List<EvidenceItem>> evidence) {
            Map<String, MentionSpan> nearest = new LinkedHashMap<>();
            int best = Integer.MAX_VALUE;
            for (Map.Entry<String, List<MentionSpan>> e : mentionsByTarget.entrySet()) {
                MentionSpan closest = null;
                for (MentionSpan m : e.getValue()) {
                    if (closest == null || distance(cue, m) < distance(cue, closest)) {
                        closest = m;
                    }
                }
                nearest.put(e.getKey(), closest);
                best = Math.min(best, distance(cue, closest));
            }
            if (best > config.getWindow()) {
                return;
            }
            int closest = best;
            Cue entry = cue.value();
            String written = text.substring(tokens.get(cue.start()).start(), tokens.get(cue.end() - 1).end());
            String negator = negator(cue);
            double modifier = modifiers(cue);
            double weight = entry.weight() * (negator == null ? 1.0 : NEGATION) * modifier;
            String shown = negator == null ? written
                    : (negatorFollows(cue) ? written + " " + negator : negator + " " + written);
            Map<String, Role> attached = new LinkedHashMap<>();
            nearest.forEach((target, m) -> {
                if (distance(cue, m) == closest) {
                    attached.put(target, role(cue, m));
                }
            });
            addCounterpart(cue, nearest, attached);
            attached.forEach((target, role) -> {
                int d = distance(cue, nearest.get(target));
                double contribution = weight * entry.kind().factor(role, config.getVictimFactor())
                        / (1.0 + (d - 1) / 4.0);
                if (contribution != 0.0) {
                    features.get(target).add(entry.kind(), role, entry.weight(), contribution, negator != null,
                            modifier < 1.0);
                    evidence.get(target).add(new EvidenceItem(shown, role.label(), round(contribution)));
                }
            });
        }

        /**
         * Who does what to whom: when the nearest target is the actor of a cue, the nearest other target that is
         * acted upon (within the window) is attached too, and the other way round ("ABD Rusya'ya yaptırım
         * uyguladı": the sanctions count against the US and for Russia).
         */
        private void addCounterpart(Match<Cue> cue, Map<String, MentionSpan> nearest, Map<String, Role> attached) {
            boolean hasAgent = attached.containsValue(Role.AGENT);
            boolean hasPatient = attached.containsValue(Role.PATIENT);
            if (hasAgent == hasPatient) {
                return;
            }
            Role wanted = hasAgent ? Role.PATIENT : Role.AGENT;
            String found = null;
            for (Map.Entry<String, MentionSpan> e : nearest.entrySet()) {
                int d = distance(cue, e.getValue());
                boolean closer = found == null || d < distance(cue, nearest.get(found));
                if (!attached.containsKey(e.getKey()) && d <= config.getWindow() && closer
                        && role(cue, e.getValue()) == wanted) {
                    found = e.getKey();
                }
            }
            if (found != null) {
                attached.put(found, wanted);
            }
        }

        private boolean insideMention(Match<Cue> cue) {
            return mentionsByTarget.values().stream().flatMap(List::stream)
                    .anyMatch(m -> cue.start() < m.tokenEnd() && m.tokenStart() < cue.end());
        }

        /** Words between a cue and a mention, plus one: adjacent words are 1 apart. */
        private int distance(Match<Cue> cue, MentionSpan m) {
            if (m.tokenEnd() <= cue.start()) {
                return wordsBefore[cue.start()] - wordsBefore[m.tokenEnd()] + 1;
            }
            return wordsBefore[m.tokenStart()] - wordsBefore[cue.end()] + 1;
        }

        /** The negator that applies to the cue, as written, or null. */
        private String negator(Match<Cue> cue) {
            for (Match<FunctionWord> fw : functionWords) {
                if (fw.value() == FunctionWord.NEGATOR && fw.end() <= cue.start()
                        && wordsBefore[cue.start()] - wordsBefore[fw.end()] < config.getNegationWindow()) {
                    return written(fw);
                }
                if (fw.value() == FunctionWord.NEGATOR_AFTER && fw.start() >= cue.end()
                        && wordsBefore[fw.start()] - wordsBefore[cue.end()] <= 1) {
                    return written(fw);
                }
            }
            return null;
        }

        private boolean negatorFollows(Match<Cue> cue) {
            return functionWords.stream().anyMatch(fw -> fw.value() == FunctionWord.NEGATOR_AFTER
                    && fw.start() >= cue.end() && wordsBefore[fw.start()] - wordsBefore[cue.end()] <= 1);
        }

        private double modifiers(Match<Cue> cue) {
            double factor = 1.0;
            for (Match<FunctionWord> fw : functionWords) {
                int before = wordsBefore[cue.start()] - wordsBefore[fw.end()];
                if (fw.end() > cue.start()) {
                    continue;
                }
                if (fw.value() == FunctionWord.INTENSIFIER && before <= 1) {
                    factor *= INTENSIFIER;
                } else if (fw.value() == FunctionWord.HEDGE && before <= 4) {
                    factor *= HEDGE;
                }
            }
            return factor;
        }

        /** Who the target is for this cue: the one acting, the one acted upon, or unknown. */
        private Role role(Match<Cue> cue, MentionSpan m) {
            if (cue.value().kind() == CueKind.QUALITY) {
                return Role.UNKNOWN;
            }
            WordToken last = tokens.get(m.tokenEnd() - 1);
            boolean suffixRules = res.marksObjectsBySuffix();
            if (suffixRules && (res.isPatientSuffix(last.suffix()) || followedBy(m, FunctionWord.PATIENT_POSTPOSITION))) {
                return Role.PATIENT;
            }
            if (m.tokenEnd() <= cue.start()) {
                if (passiveBefore(cue)) {
                    return Role.PATIENT;
                }
                return suffixRules || res.subjectVerbObject() || res.lang().equals("ar") ? Role.AGENT : Role.UNKNOWN;
            }
            FunctionWord marker = markerBefore(cue, m);
            if (marker == FunctionWord.PATIENT_MARKER) {
                return Role.PATIENT;
            }
            if (marker == FunctionWord.AGENT_MARKER || suffixRules || res.lang().equals("ar")) {
                return Role.AGENT;
            }
            if (!res.subjectVerbObject() || breakBetween(cue.end(), m.tokenStart())
                    || wordsBefore[m.tokenStart()] - wordsBefore[cue.end()] > 3) {
                return Role.UNKNOWN;
            }
            return res.hasAgentEnding(tokens.get(m.tokenStart()).norm()) ? Role.AGENT : Role.PATIENT;
        }

        /** An auxiliary right before the cue ("was attacked"), unless the cue is an active form ("is sabotaging"). */
        private boolean passiveBefore(Match<Cue> cue) {
            return !res.hasActiveEnding(tokens.get(cue.start()).norm())
                    && functionWords.stream().anyMatch(fw -> fw.value() == FunctionWord.PASSIVE_MARKER
                    && fw.end() <= cue.start() && wordsBefore[cue.start()] == wordsBefore[fw.end()]);
        }

        /** A preposition between the cue and the mention, at most one word before the mention. */
        private FunctionWord markerBefore(Match<Cue> cue, MentionSpan m) {
            FunctionWord found = null;
            for (Match<FunctionWord> fw : functionWords) {
                boolean between = fw.start() >= cue.end() && fw.end() <= m.tokenStart();
                if (between && wordsBefore[m.tokenStart()] - wordsBefore[fw.end()] <= 1
                        && (fw.value() == FunctionWord.PATIENT_MARKER || fw.value() == FunctionWord.AGENT_MARKER)) {
                    found = fw.value();
                }
            }
            return found;
        }

        private boolean followedBy(MentionSpan m, FunctionWord role) {
            return functionWords.stream().anyMatch(fw -> fw.value() == role && fw.start() == m.tokenEnd());
        }

        private boolean breakBetween(int from, int to) {
            for (int i = from; i < to; i++) {
                if (!tokens.get(i).word() && CLAUSE_BREAKS.contains(tokens.get(i).text())) {
                    return true;
                }
            }
            return false;
        }

        private String written(Match<FunctionWord> fw) {
            return text.substring(tokens.get(fw.start()).start(), tokens.get(fw.end() - 1).end());
        }

        /**
         * Words from {@code window} words before the target's first mention to as many after its last, stemmed,
         * with the target's mentions as "_t_" and other targets' as "_o_", led by the language: n-gram features for a
         * trained model.
         */
        private List<String> windowTerms(String target) {
            List<MentionSpan> own = mentionsByTarget.get(target);
            int from = own.get(0).tokenStart();
            int to = own.get(own.size() - 1).tokenEnd();
            List<String> terms = new ArrayList<>();
            terms.add("_lang_" + res.lang());
            int before = 0;
            int start = from;
            while (start > 0 && before < config.getWindow()) {
                start--;
                before += tokens.get(start).word() ? 1 : 0;
            }
            int after = 0;
            int end = to;
            while (end < tokens.size() && after < config.getWindow()) {
                after += tokens.get(end).word() ? 1 : 0;
                end++;
            }
            for (int i = start; i < end; i++) {
                String mentioned = mentionAt(i);
                if (mentioned != null) {
                    String placeholder = mentioned.equals(target) ? "_t_" : "_o_";
                    if (terms.isEmpty() || !terms.get(terms.size() - 1).equals(placeholder)) {
                        terms.add(placeholder);
                    }
                } else if (tokens.get(i).word() && !tokens.get(i).norm().chars().allMatch(Character::isDigit)) {
                    terms.add(res.stemmer().stem(tokens.get(i).norm()));
                }
            }
            return terms;
        }

        private String mentionAt(int token) {
            for (Map.Entry<String, List<MentionSpan>> e : mentionsByTarget.entrySet()) {
                for (MentionSpan m : e.getValue()) {
                    if (token >= m.tokenStart() && token < m.tokenEnd()) {
                        return e.getKey();
                    }
                }
            }
            return null;
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
