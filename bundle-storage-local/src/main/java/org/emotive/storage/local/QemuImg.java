package org.emotive.storage.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emotive.api.image.DiskFile;

/** The disk operations Emotive needs, done by {@code qemu-img} (Debian's qemu-utils). */
final class QemuImg {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PERCENT = Pattern.compile("\\((\\d+(?:\\.\\d+)?)/100%\\)");
    private static final Duration QUICK = Duration.ofMinutes(2);
    private static final Duration COPY = Duration.ofHours(6);

    /** What {@code qemu-img info} says of a file. */
    record Info(String format, long virtualSizeBytes, long actualSizeBytes, String backingFile) {
        DiskFile at(Path path) {
            return new DiskFile(path, format, virtualSizeBytes, actualSizeBytes);
        }
    }

    /** Reads a file's format and sizes. {@code format == null}: let qemu-img probe it. */
    Info info(Path file, String format) {
        // -U: the file may be open in a running guest; reading its header is safe
        List<String> argv = new ArrayList<>(List.of("qemu-img", "info", "-U", "--output=json"));
        if (format != null) {
            argv.addAll(List.of("-f", format));
        }
        argv.add(file.toString());
        String out = new Command(argv, QUICK).run();
        try {
            JsonNode node = JSON.readTree(out.substring(Math.max(0, out.indexOf('{'))));
            return new Info(node.path("format").asText(), node.path("virtual-size").asLong(),
                    node.path("actual-size").asLong(), node.path("backing-filename").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException("qemu-img info gave no JSON for " + file, e);
        }
    }

    /** A qcow2 overlay backed by {@code base}; only written blocks take room. */
    void createOverlay(DiskFile base, Path overlay, long sizeBytes) {
        new Command(List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", base.format(),
                "-b", base.path().toAbsolutePath().toString(), overlay.toString(), Long.toString(sizeBytes)), QUICK).run();
    }

    /** An empty qcow2 disk. */
    void createBlank(Path file, long sizeBytes) {
        new Command(List.of("qemu-img", "create", "-q", "-f", "qcow2", file.toString(), Long.toString(sizeBytes)),
                QUICK).run();
    }

    /** Copies a sparse raw file into a new qcow2 file that holds only its written blocks. */
    void compactRawToQcow2(Path source, Path target) {
        new Command(List.of("qemu-img", "convert", "-q", "-f", "raw", "-O", "qcow2", source.toString(),
                target.toString()), COPY).run();
    }

    /** Copies {@code source} (read as {@code format}) into a new qcow2 file, reporting percent done. */
    void convertToQcow2(Path source, String format, Path target, IntConsumer percent, Writer log) {
        new Command(List.of("qemu-img", "convert", "-p", "-f", format, "-O", "qcow2", source.toString(),
                target.toString()), COPY).run(line -> {
                    Matcher m = PERCENT.matcher(line);
                    if (m.find()) {
                        percent.accept((int) Double.parseDouble(m.group(1)));
                    }
                }, log);
    }
}
