package io.narrative.core;

import java.util.function.Supplier;

/**
 * Picks between a class built on the JDK's Vector API (an incubator module in Java 17, present only when the
 * JVM was started with {@code --add-modules=jdk.incubator.vector}; bin/narrative and Spark's launcher
 * settings pass it) and its plain-Java twin, so that a missing JVM flag slows the job down instead of
 * failing it. The Vector API class is loaded by name: referring to it directly would fail to link without
 * the module.
 */
public final class VectorApi {
    private VectorApi() {
    }

    /**
     * A new instance of {@code vectorClass} (no-argument constructor) when the module is present and the
     * class loads, else {@code plain.get()}.
     */
    public static <T> T implementation(Class<T> type, String vectorClass, Supplier<? extends T> plain) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return type.cast(Class.forName(vectorClass).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                return plain.get();
            }
        }
        return plain.get();
    }
}
