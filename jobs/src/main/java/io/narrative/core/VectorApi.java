package io.narrative.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
     * class loads, else {@code plain.get()}. {@code lookup} is the caller's ({@code MethodHandles.lookup()}),
     * so that a package-private class and constructor can be reached: without it they could not be from
     * here, and every caller would silently get the slow twin.
     */
    public static <T> T implementation(MethodHandles.Lookup lookup, Class<T> type, String vectorClass,
            Supplier<? extends T> plain) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Class<?> found = lookup.findClass(vectorClass);
                return type.cast(lookup.findConstructor(found, MethodType.methodType(void.class)).invoke());
            } catch (ReflectiveOperationException | LinkageError e) {
                return plain.get();
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create " + vectorClass, e);
            }
        }
        return plain.get();
    }
}
