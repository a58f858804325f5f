package io.narrative;

/** Lets tests call {@link Main#run} (package-private) without exiting the JVM. */
public final class MainAccess {
    private MainAccess() {
    }

    public static int run(String... args) {
        return Main.run(args);
    }
}
