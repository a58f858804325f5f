package io.narrative.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A partition's rows in chunks: {@code work} turns each chunk of up to {@code size} inputs into outputs, and
 * the outputs stream on while the next chunk is read, so a partition never sits in memory whole. The encoder
 * needs chunks to batch sentences of similar length.
 */
public final class Chunked {
    private Chunked() {
    }

    public static <I, O> Iterator<O> flatMap(Iterator<I> in, int size, Function<List<I>, List<O>> work) {
        return new Iterator<>() {
            private Iterator<O> pending = List.<O>of().iterator();

            @Override
            public boolean hasNext() {
                while (!pending.hasNext() && in.hasNext()) {
                    List<I> chunk = new ArrayList<>(size);
                    while (chunk.size() < size && in.hasNext()) {
                        chunk.add(in.next());
                    }
                    pending = work.apply(chunk).iterator();
                }
                return pending.hasNext();
            }

            @Override
            public O next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.next();
            }
        };
    }
}
