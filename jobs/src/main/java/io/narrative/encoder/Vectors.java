package io.narrative.encoder;

/** Small helpers on dense float vectors. */
public final class Vectors {
    private Vectors() {
    }

    /** Scales v to unit length in place (a zero vector stays zero) and returns it. */
    public static float[] normalize(float[] v) {
        double sq = 0;
        for (float f : v) {
            sq += (double) f * f;
        }
        float inv = (float) (1.0 / Math.sqrt(Math.max(sq, 1e-12)));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(Math.max(na * nb, 1e-24));
    }
}
