package io.narrative.stance.lexicon;

import java.util.Locale;

/**
 * Whom a cue word portrays, by the role the target plays next to it. News stance is carried by roles:
 * "Washington is sabotaging the talks" is against Washington, "sanctions against Russia" portrays Russia as
 * the one suffering them.
 */
public enum CueKind {
    /** Describes whatever it is attached to, whatever its role (general polarity words). */
    QUALITY(1.0, 1.0, 1.0),
    /** A bad act: counts against its doer; its sufferer is portrayed sympathetically (sign flipped, damped). */
    HARM(1.0, Double.NaN, 0.5),
    /** A negative verdict (accuse, condemn): against whoever it is aimed at, nothing about who says it. */
    JUDGEMENT(0.0, 1.0, 0.5),
    /** A good act (support, mediate): for its doer, a little for whoever receives it. */
    BENEFIT(1.0, 0.3, 0.6),
    /** A positive verdict (praise, welcome): for whoever it is aimed at. */
    PRAISE(0.2, 1.0, 0.6);

    private final double agentFactor;
    private final double patientFactor;
    private final double unknownRoleFactor;

    CueKind(double agentFactor, double patientFactor, double unknownRoleFactor) {
        this.agentFactor = agentFactor;
        this.patientFactor = patientFactor;
        this.unknownRoleFactor = unknownRoleFactor;
    }

    /**
     * The factor a cue's weight is multiplied by for a target in {@code role}; {@code victimFactor} is the
     * configured share of a harm that turns into sympathy for its sufferer.
     */
    public double factor(Role role, double victimFactor) {
        return switch (role) {
            case AGENT -> agentFactor;
            case PATIENT -> this == HARM ? -victimFactor : patientFactor;
            case UNKNOWN -> unknownRoleFactor;
        };
    }

    public static CueKind parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    /** The role of a target with respect to a cue. */
    public enum Role {
        AGENT, PATIENT, UNKNOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
