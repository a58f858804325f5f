package io.narrative.stance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.narrative.core.NarrativeException;
import io.narrative.encoder.Adapter;
import io.narrative.encoder.E5Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import lombok.AccessLevel;
import lombok.Data;
import lombok.Getter;
import lombok.NoArgsConstructor;
import lombok.Setter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The trained stance head: multinomial logistic regressions (fitted with MLlib by train-stance) from the
 * encoder's span features plus the rule features to P(against), P(neutral), P(favor), each with a
 * temperature fitted on the dev split so that its probabilities are calibrated. One classifier is shared by
 * every language (the encoder is multilingual, so what is learnt on English and Russian carries over to
 * Arabic and Turkish); a language with labelled data may have its own when that scored better on its dev
 * items. The encoder's top blocks may carry low-rank adapters fine-tuned for stance with the head
 * ({@link StanceTuner}); they travel inside the head, since the coefficients only fit the features of
 * the encoder so adapted. Stored as a small JSON file (coefficients, adapter and how they were made), so a
 * head ships inside the job jar and applies without Spark ML.
 */
@Data
@NoArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StanceHead implements Serializable {
    public static final String FORMAT = "narrative-stance-head/1";
    public static final String BUILT_IN = "narrative/models/stance-head.json";
    public static final String KEY = "stance.encoder.head";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private String format = FORMAT;
    /** The encoder the features came from (a head only fits the encoder it was trained on). */
    private String encoder;
    /** Tokens either side of a mention pooled as its context. */
    private int contextTokens;
    /** A middle encoder layer whose pooled states follow the last layer's; 0 for the last layer alone. */
    private int tapLayer;
    /** Encoder feature floats, then rule features. */
    private int encoderFeatures;
    private int ruleFeatures;
    /** Class order of the rows: against, neutral, favor. */
    private String[] classes = StanceLabels.BY_INDEX.clone();
    private HeadClassifier shared;
    /** Classifiers of their own, by language code. */
    private Map<String, HeadClassifier> languages = new LinkedHashMap<>();
    /**
     * The encoder's fine-tuned top blocks ({@link Adapter#encode()}, base64), or null for the encoder as
     * published.
     */
    private String adapter;
    /** How the head was made: data, splits, settings, dev scores. */
    private Map<String, Object> provenance = new LinkedHashMap<>();

    @JsonIgnore
    @Getter(AccessLevel.NONE)
    @Setter(AccessLevel.NONE)
    private transient Adapter decoded;

    /**
     * The decoded adapter for {@code model}, or null when the head has none; fails, naming the head, when
     * the adapter does not fit the model or lies below the tapped layer.
     */
    public Adapter adapterFor(E5Model model) {
        if (adapter == null) {
            return null;
        }
        Adapter a = decoded;
        if (a == null) {
            try {
                a = Adapter.decode(adapter);
            } catch (IllegalArgumentException e) {
                throw new NarrativeException("config key " + KEY + ": the head's adapter cannot be read ("
                        + e.getMessage() + "); train the head again with train-stance", e);
            }
            decoded = a;
        }
        if (!a.fits(model) || a.firstLayer() < tapLayer) {
            throw new NarrativeException("config key " + KEY + ": the head's adapter (blocks " + a.firstLayer()
                    + " to " + (a.firstLayer() + a.layers() - 1) + ") does not fit this encoder above its tapped"
                    + " layer " + tapLayer + "; train the head again with train-stance");
        }
        return a;
    }

    /** The adapter as stored (base64), for Jackson; forgets what was decoded. */
    public void setAdapter(String adapter) {
        this.adapter = adapter;
        this.decoded = null;
    }

    /** Sets the fine-tuned adapter (null: none). */
    public void attach(Adapter tuned) {
        this.adapter = tuned == null ? null : tuned.encode();
        this.decoded = tuned;
    }

    /** A head with no coefficients, for computing features before one is trained. */
    static StanceHead shapeOnly(int contextTokens, int tapLayer, Adapter adapter) {
        StanceHead head = new StanceHead();
        head.setContextTokens(contextTokens);
        head.setTapLayer(tapLayer);
        head.attach(adapter);
        head.setRuleFeatures(StanceFeatures.SIZE);
        return head;
    }

    /** P(against), P(neutral), P(favor) for one target in one sentence of language {@code lang}. */
    public double[] probabilities(String lang, float[] encoded, double[] rules) {
        return languages.getOrDefault(lang, shared).probabilities(encoded, rules);
    }

    boolean trained() {
        return shared != null;
    }

    /** The head at {@code path} (any Hadoop path), or the built-in one when the path is empty. */
    public static StanceHead load(String path, Configuration hadoop) {
        String where = path == null || path.isBlank() ? "the built-in head (" + BUILT_IN + ")" : path;
        StanceHead head;
        try {
            if (path == null || path.isBlank()) {
                try (InputStream in = StanceHead.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
                    if (in == null) {
                        throw new NarrativeException("config key " + KEY + ": " + where + " is missing from the job"
                                + " jar; rebuild it, or train one with train-stance");
                    }
                    head = JSON.readValue(in, StanceHead.class);
                }
            } else {
                Path file = new Path(path);
                try (InputStream in = file.getFileSystem(hadoop).open(file)) {
                    head = JSON.readValue(in, StanceHead.class);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new NarrativeException("config key " + KEY + ": cannot read a stance head from " + where + " ("
                    + e.getMessage() + "); train-stance writes one to OUTPUT/models/stance-head.json", e);
        }
        head.validate(where);
        return head;
    }

    public void save(String path, Configuration hadoop) {
        try {
            Path file = new Path(path);
            FileSystem fs = file.getFileSystem(hadoop);
            try (java.io.OutputStream out = fs.create(file, true)) {
                JSON.writeValue(out, this);
            }
        } catch (IOException e) {
            throw new NarrativeException("train-stance: cannot write the head to " + path + ": " + e.getMessage(), e);
        }
    }

    private void validate(String where) {
        int size = encoderFeatures + ruleFeatures;
        boolean shaped = FORMAT.equals(format) && encoderFeatures > 0 && ruleFeatures == StanceFeatures.SIZE
                && shared != null && shared.fits(size) && languages != null
                && languages.values().stream().allMatch(c -> c != null && c.fits(size));
        if (!shaped) {
            throw new NarrativeException("config key " + KEY + ": " + where + " is not a " + FORMAT + " head with 3 x "
                    + "(encoder + " + StanceFeatures.SIZE + " rule) coefficients");
        }
        if (adapter != null) {
            try {
                decoded = Adapter.decode(adapter);
            } catch (IllegalArgumentException e) {
                throw new NarrativeException("config key " + KEY + ": " + where + " holds an adapter that cannot be"
                        + " read (" + e.getMessage() + ")", e);
            }
        }
    }
}
