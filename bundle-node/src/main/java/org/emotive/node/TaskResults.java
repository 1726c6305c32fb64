package org.emotive.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.emotive.api.task.TaskOutput;

/**
 * Reads what a task's guest left on its output disk, without mounting it: {@code debugfs}
 * lists folders by inode and dumps regular files by inode into names chosen here, so no name
 * written by the guest reaches a host path or a debugfs command. Everything on the disk is
 * untrusted: links, devices and unsafe names are skipped, and counts, depth and sizes are capped.
 * The results folder holds {@code stdout}, {@code stderr}, {@code exit-code} and {@code out/}.
 */
final class TaskResults {

    static final long MAX_LOG_BYTES = 16L << 20;
    static final long MAX_OUTPUT_BYTES = 1L << 30;
    static final int MAX_OUTPUT_FILES = 1000;
    static final int MAX_DEPTH = 16;
    private static final Logger LOG = Logger.getLogger(TaskResults.class.getName());
    private static final Duration DEBUGFS_TIMEOUT = Duration.ofMinutes(5);
    private static final int TYPE_MASK = 0170000;
    private static final int REGULAR = 0100000;
    private static final int DIRECTORY = 0040000;
    private static final int ROOT_INODE = 2;

    /** One line of {@code debugfs ls -p}: {@code /inode/mode/uid/gid/name/size/}. */
    record Entry(long inode, int mode, String name, long size) {
        boolean regular() {
            return (mode & TYPE_MASK) == REGULAR;
        }

        boolean directory() {
            return (mode & TYPE_MASK) == DIRECTORY;
        }
    }

    private final Path resultsDir;

    TaskResults(Path resultsDir) {
        this.resultsDir = resultsDir;
    }

    Path stdout() {
        return resultsDir.resolve("stdout");
    }

    Path stderr() {
        return resultsDir.resolve("stderr");
    }

    Path outDir() {
        return resultsDir.resolve("out");
    }

    /** Extracts the results from {@code disk}; the command's exit code, or {@code null} when it left none. */
    Integer collect(Path disk) {
        try {
            Files.createDirectories(outDir());
            Path scratch = Files.createTempDirectory(resultsDir, ".dump");
            try {
                Extraction x = new Extraction(disk, scratch);
                List<Entry> root = x.list(ROOT_INODE);
                for (Entry e : root) {
                    if (e.regular() && e.size() <= MAX_LOG_BYTES
                            && (e.name().equals("stdout") || e.name().equals("stderr") || e.name().equals("exit-code"))) {
                        x.dumpTo(e, resultsDir.resolve(e.name()));
                    }
                }
                for (Entry e : root) {
                    if (e.directory() && e.name().equals("out")) {
                        x.copyTree(e, outDir(), 1);
                    }
                }
            } finally {
                TreeRemover.remove(scratch);
            }
            return exitCode();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot collect the task's results into " + resultsDir, e);
        }
    }

    /** The output files, paths relative to {@code out/}. */
    List<TaskOutput> outputs() {
        if (!Files.isDirectory(outDir(), LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(outDir())) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> new TaskOutput(outDir().relativize(p).toString(), p.toFile().length()))
                    .sorted(java.util.Comparator.comparing(TaskOutput::path))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the outputs in " + outDir(), e);
        }
    }

    private Integer exitCode() throws IOException {
        Path f = resultsDir.resolve("exit-code");
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        String text = Files.readString(f, StandardCharsets.ISO_8859_1).strip();
        Files.delete(f);
        return text.matches("[0-9]{1,3}") ? Integer.valueOf(text) : null;
    }

    /** One pass over the disk: the counts and sizes so far, and where debugfs dumps. */
    private static final class Extraction {
        private final Path disk;
        private final Path scratch;
        private int files;
        private long bytes;
        private int dumps;

        Extraction(Path disk, Path scratch) {
            this.disk = disk;
            this.scratch = scratch;
        }

        List<Entry> list(long inode) {
            String out = debugfs("ls -p <" + inode + ">");
            List<Entry> entries = new ArrayList<>();
            for (String line : out.split("\n")) {
                Entry e = parse(line);
                if (e != null && !e.name().equals(".") && !e.name().equals("..")) {
                    entries.add(e);
                }
            }
            return entries;
        }

        void copyTree(Entry dir, Path target, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                LOG.warning("task output deeper than " + MAX_DEPTH + " folders skipped at " + target);
                return;
            }
            Files.createDirectories(target);
            for (Entry e : list(dir.inode())) {
                if (!TaskSpecValidator.isSafeFileName(e.name())) {
                    LOG.warning("task output with an unsafe name skipped in " + target);
                } else if (e.directory()) {
                    copyTree(e, target.resolve(e.name()), depth + 1);
                } else if (!e.regular()) {
                    LOG.warning("task output " + e.name() + " skipped: not a regular file (mode "
                            + Integer.toOctalString(e.mode()) + ")");
                } else if (files >= MAX_OUTPUT_FILES || bytes + e.size() > MAX_OUTPUT_BYTES) {
                    LOG.warning("task output " + e.name() + " skipped: more than " + MAX_OUTPUT_FILES
                            + " files or " + MAX_OUTPUT_BYTES + " bytes");
                } else {
                    dumpTo(e, target.resolve(e.name()));
                    files++;
                    bytes += e.size();
                }
            }
        }

        /** Dumps the file by inode into a fresh scratch name, checks it, then moves it in place. */
        void dumpTo(Entry e, Path target) throws IOException {
            String name = "f" + (++dumps);
            debugfs("dump <" + e.inode() + "> " + name);
            Path dumped = scratch.resolve(name);
            if (!Files.isRegularFile(dumped, LinkOption.NOFOLLOW_LINKS) || Files.size(dumped) > e.size()) {
                Files.deleteIfExists(dumped);
                LOG.warning("task output " + e.name() + " skipped: not what the disk listed");
                return;
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(dumped); // a crafted disk listing a name twice: keep the first
                return;
            }
            Files.move(dumped, target, StandardCopyOption.REPLACE_EXISTING);
        }

        private String debugfs(String request) {
            // read-only (no -w); the request holds only inode numbers and scratch names made here
            return HostProgram.run(List.of("debugfs", "-R", request, disk.toString()), scratch, DEBUGFS_TIMEOUT);
        }
    }

    static Entry parse(String line) {
        String[] f = line.split("/", -1);
        if (f.length != 8 || !f[0].isEmpty() || !f[7].isEmpty()) {
            return null; // a name with '/' or a newline cannot be told apart: skipped
        }
        try {
            long size = f[6].isEmpty() ? 0 : Long.parseLong(f[6]);
            return new Entry(Long.parseLong(f[1]), Integer.parseInt(f[2], 8), f[5], size);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
