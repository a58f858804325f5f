package io.narrative.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;
import lombok.NoArgsConstructor;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The commit point of a published table: {@code TABLE/_SUCCESS}, written after every data file is in place,
 * naming those files and their sizes. Object stores (s3a://) have no atomic rename: moving a table there
 * copies its files one by one, so a reader may meet a directory with some of them. A reader trusts a
 * table only when the marker is there and reads only the files it names.
 *
 * <p>An empty {@code _SUCCESS} is Spark's own marker, moved along with the files by versions before this
 * one (on local and HDFS folders, where the move is atomic): the whole directory is the table.
 */
@Data
@NoArgsConstructor
public class PublishMarker {
    public static final String FILE_NAME = "_SUCCESS";
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private int format = FORMAT;
    private String table;
    private List<DataFile> files = new ArrayList<>();

    /** One data file of the table, relative to its directory. */
    @Data
    @NoArgsConstructor
    public static class DataFile {
        private String name;
        private long bytes;

        DataFile(String name, long bytes) {
            this.name = name;
            this.bytes = bytes;
        }
    }

    /** The marker describing the data files now in {@code dir} (names not starting with "_" or "."). */
    static PublishMarker describe(FileSystem fs, Path dir, String table) throws IOException {
        PublishMarker marker = new PublishMarker();
        marker.setTable(table);
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (status.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                marker.getFiles().add(new DataFile(name, status.getLen()));
            }
        }
        marker.getFiles().sort(java.util.Comparator.comparing(DataFile::getName));
        return marker;
    }

    void write(FileSystem fs, Path dir) throws IOException {
        try (OutputStream out = fs.create(new Path(dir, FILE_NAME), true)) {
            JSON.writeValue(out, this);
        }
    }

    /** The marker of the table in {@code dir}: null when there is none; empty files for Spark's own marker. */
    static PublishMarker read(FileSystem fs, Path dir) throws IOException {
        Path path = new Path(dir, FILE_NAME);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
        if (status.getLen() == 0) {
            PublishMarker legacy = new PublishMarker();
            legacy.setFormat(0);
            return legacy;
        }
        try (InputStream in = fs.open(path)) {
            return JSON.readValue(in, PublishMarker.class);
        }
    }

    /** Spark's own marker: the table is the whole directory. */
    boolean wholeDirectory() {
        return format == 0;
    }
}
