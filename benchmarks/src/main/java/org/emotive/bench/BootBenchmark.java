package org.emotive.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cold boot of the Emotive assembly to a healthy {@code /api/v1/health} beside a stock Karaf
 * of the same version to its SSH port, each from a fresh copy, in one run; then the resident
 * memory of each JVM once it is up.
 */
final class BootBenchmark {

    private static final int HTTP_PORT = 18181;
    private static final int SSH_PORT = 18101;

    private final Path emotive;
    private final Path karaf;
    private final int runs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    BootBenchmark(Options o) {
        this.emotive = Path.of(o.require("emotive"));
        this.karaf = Path.of(o.require("karaf"));
        this.runs = o.getInt("runs", 3);
    }

    void run() throws Exception {
        Stats emotiveBoot = new Stats();
        Stats karafBoot = new Stats();
        Stats emotiveRss = new Stats();
        Stats karafRss = new Stats();
        for (int i = 0; i < runs; i++) {
            measure(karaf, false, karafBoot, karafRss);
            measure(emotive, true, emotiveBoot, emotiveRss);
        }
        System.out.println("stock Karaf boot to SSH      : " + karafBoot.describe());
        System.out.println("Emotive boot to /health 200  : " + emotiveBoot.describe());
        System.out.printf("boot ratio (Emotive/Karaf, median) : %.2f%n", emotiveBoot.median() / karafBoot.median());
        System.out.printf("RSS stock Karaf %.0f MB, Emotive %.0f MB (medians)%n",
                karafRss.median(), emotiveRss.median());
    }

    /** Boots a fresh copy; records the time to ready and the RSS in MB. */
    private void measure(Path distribution, boolean isEmotive, Stats boot, Stats rss) throws Exception {
        Path copy = Files.createTempDirectory("emotive-boot");
        try {
            copyTree(distribution, copy);
            setPorts(copy, isEmotive);
            long start = System.nanoTime();
            Process karafProcess = new ProcessBuilder(copy.resolve("bin/karaf").toString(), "server")
                    .redirectErrorStream(true).redirectOutput(copy.resolve("console.out").toFile()).start();
            try {
                waitReady(isEmotive, karafProcess);
                boot.add(System.nanoTime() - start);
                Thread.sleep(5000); // let boot-time work settle before reading memory
                rss.addValue(rssBytes(karafProcess) / 1e6);
            } finally {
                stop(karafProcess);
            }
        } finally {
            deleteTree(copy);
        }
    }

    private void waitReady(boolean isEmotive, Process p) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("Karaf exited with " + p.exitValue());
            }
            if (isEmotive ? healthy() : portOpen(SSH_PORT)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("not ready within 3 minutes");
    }

    private boolean healthy() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + "/api/v1/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The java process's resident set, in bytes: bin/karaf may be a shell wrapping it. */
    private static long rssBytes(Process p) throws IOException {
        List<ProcessHandle> candidates = Stream.concat(Stream.of(p.toHandle()), p.descendants()).toList();
        long best = 0;
        for (ProcessHandle h : candidates) {
            Path status = Path.of("/proc", Long.toString(h.pid()), "status");
            if (!Files.exists(status)) {
                continue;
            }
            Optional<String> line = Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:")).findFirst();
            if (line.isPresent()) {
                long kb = Long.parseLong(line.get().replaceAll("[^0-9]", ""));
                best = Math.max(best, kb * 1024);
            }
        }
        return best;
    }

    /** Stops Karaf and every process it started, and waits until all are gone. */
    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> all = Stream.concat(p.descendants(), Stream.of(p.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
        }
    }

    private static void setPorts(Path home, boolean isEmotive) throws IOException {
        append(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = " + HTTP_PORT);
        append(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort = " + SSH_PORT);
        append(home.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort = 11099\nrmiServerPort = 44445");
        if (isEmotive) {
            Path storage = Files.createTempDirectory("emotive-boot-storage");
            append(home.resolve("etc/org.emotive.node.cfg"), "storageDir = " + storage);
        }
    }

    private static void append(Path file, String lines) throws IOException {
        Files.writeString(file, "\n" + lines + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }
}
