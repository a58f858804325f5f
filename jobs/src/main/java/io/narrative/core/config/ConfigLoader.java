package io.narrative.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.narrative.core.NarrativeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the pipeline YAML, applies {@code --set key=value} overrides and validates the result.
 *
 * <p>Unknown keys, wrong types and out-of-range values fail here, before any data is read, with a
 * message naming the key, the value and what was expected. The mapper has no polymorphic type
 * handling, so a config file cannot make the job instantiate classes of its choosing.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(new ObjectMapper());

    private ConfigLoader() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** Loads {@code file} (or only the defaults when null) with the overrides applied, validated. */
    public static PipelineConfig load(Path file, Map<String, String> overrides) {
        ObjectNode tree = file == null ? JSON.createObjectNode() : readTree(file);
        overrides.forEach((key, value) -> ConfigOverrides.apply(tree, key, value, YAML));
        PipelineConfig config = bind(tree, file == null ? "defaults" : file.toString());
        validate(config);
        return config;
    }

    public static PipelineConfig defaults() {
        return load(null, Map.of());
    }

    /** Parses YAML text; used by tests and by runs that ship their config inside the job. */
    public static PipelineConfig fromYaml(String yaml, String origin) {
        ObjectNode tree = parse(yaml, origin);
        PipelineConfig config = bind(tree, origin);
        validate(config);
        return config;
    }

    /** The effective config as JSON, for the run manifest. */
    public static String toJson(PipelineConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the config", e);
        }
    }

    /** The effective config as YAML with snake_case keys. */
    public static String toYaml(PipelineConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the config", e);
        }
    }

    private static ObjectNode readTree(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new NarrativeException("--config " + file + ": no such file");
        } catch (IOException e) {
            throw new NarrativeException("--config " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static ObjectNode parse(String yaml, String origin) {
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JSON.createObjectNode();
            }
            if (!node.isObject()) {
                throw new NarrativeException(origin + ": the config must be a YAML mapping of keys, got "
                        + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new NarrativeException(origin + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()), e);
        }
    }

    private static PipelineConfig bind(ObjectNode tree, String origin) {
        try {
            return YAML.treeToValue(tree, PipelineConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new NarrativeException(origin + ": config key " + keyPath(e) + " is not known; expected one of: "
                    + known, e);
        } catch (InvalidFormatException e) {
            throw new NarrativeException(origin + ": config key " + keyPath(e) + ": got '" + e.getValue()
                    + "', expected " + describe(e.getTargetType()), e);
        } catch (MismatchedInputException e) {
            throw new NarrativeException(origin + ": config key " + keyPath(e) + ": expected "
                    + describe(e.getTargetType()) + " (" + e.getOriginalMessage() + ")", e);
        } catch (JsonProcessingException e) {
            throw new NarrativeException(origin + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void validate(PipelineConfig config) {
        ConfigErrors errors = new ConfigErrors();
        config.validate("", errors);
        List<String> messages = errors.messages();
        if (!messages.isEmpty()) {
            throw new NarrativeException(String.join("; ", messages));
        }
    }

    private static String keyPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping of keys (" + type.getSimpleName() + ")";
    }
}
