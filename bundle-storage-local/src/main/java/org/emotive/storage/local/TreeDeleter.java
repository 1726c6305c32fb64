package org.emotive.storage.local;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deletes a folder tree without following links, and refuses to when anything is mounted inside it:
 * deleting through a mount (a /dev or /proc left in a root file system) would delete the host's files.
 */
final class TreeDeleter {

    private static final Pattern OCTAL_ESCAPE = Pattern.compile("\\\\([0-7]{3})");

    private TreeDeleter() {
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path absolute = root.toAbsolutePath().normalize();
        List<Path> mounts = mountPointsUnder(absolute);
        if (!mounts.isEmpty()) {
            throw new IOException("not deleting " + absolute + ": mounted inside it: " + mounts);
        }
        Files.walkFileTree(absolute, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Mount points of this process's mount namespace at or below the folder. */
    static List<Path> mountPointsUnder(Path folder) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        String mountinfo;
        try (FileInputStream in = new FileInputStream("/proc/self/mountinfo")) { // not interruptible: cleanup runs after interrupts
            mountinfo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return mountinfo.lines()
                .map(line -> line.split(" "))
                .filter(fields -> fields.length > 4)
                .map(fields -> Path.of(unescape(fields[4])))
                .filter(mountPoint -> mountPoint.startsWith(absolute))
                .toList();
    }

    /** mountinfo writes space, tab, newline and backslash in paths as \040-style octal escapes. */
    private static String unescape(String field) {
        Matcher m = OCTAL_ESCAPE.matcher(field);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 8))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
