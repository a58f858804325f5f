package io.narrative.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.narrative.core.NarrativeException;
import java.util.stream.Collectors;

/**
 * Binds a YAML data file (targets, narratives) strictly: snake_case keys, unknown keys are errors, and every
 * error names the file and the key path ("targets[2].aliases"), as config errors do.
 */
public final class YamlDataFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private YamlDataFile() {
    }

    /** {@code text} as a {@code type}; {@code what} names the file in errors ("targets file conf/targets.yaml"). */
    public static <T> T read(String text, Class<T> type, String what) {
        try {
            return YAML.readValue(text, type);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new NarrativeException(what + ": key " + path + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new NarrativeException(what + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
    }
}
