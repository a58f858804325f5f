package io.narrative.ingest;

import io.narrative.core.config.IngestConfig;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import org.apache.hadoop.conf.Configuration;

/**
 * A multi-record file (JSON Lines, CSV) opened as text: decompressed with its bound, binary content and
 * charset sniffed from the first 64 KiB, decoded with bad bytes replaced. Shared by the readers so that
 * every multi-record format handles bad files the same way.
 */
final class SniffedText implements Closeable {
    private final InputStream stream;
    private final CharsetSniffer.Sniffed sniffed;

    private SniffedText(InputStream stream, CharsetSniffer.Sniffed sniffed) {
        this.stream = stream;
        this.sniffed = sniffed;
    }

    static SniffedText open(InputFile file, Configuration conf, IngestConfig config, TextDecoder decoder)
            throws IOException {
        InputStream stream = InputStreams.open(file, conf, config.getMaxDecompressedBytes(),
                config.readTimeoutMillis());
        return new SniffedText(stream, CharsetSniffer.sniff(stream, decoder));
    }

    /** The reject for the whole file when it is not text (binary, undecodable), else null. */
    RawRecord wholeFileReject(InputFile file) {
        return sniffed.ok() ? null : RawRecord.of(file, 1).reject(sniffed.problem(), sniffed.detail(), null, 0);
    }

    BufferedReader reader() {
        return new BufferedReader(new InputStreamReader(stream, sniffed.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)),
                1 << 16);
    }

    /** Adds the decoded_as_&lt;charset&gt; flag to a record when the file was not UTF-8. */
    void flag(RawRecord record) {
        if (sniffed.fallback()) {
            record.getFlags().add(TextDecoder.decodedAsFlag(sniffed.charset()));
        }
    }

    /**
     * At the end of the records: a failure seen while sniffing that the stream did not raise again is
     * reported once, at {@code position}; null when there was none.
     */
    RawRecord pendingFailure(InputFile file, long position) {
        IOException pending = sniffed.pending();
        return pending == null ? null : RawRecord.of(file, position)
                .reject(InputStreams.reasonFor(pending), pending.getMessage(), null, 0);
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
