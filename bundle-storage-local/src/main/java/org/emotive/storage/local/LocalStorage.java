package org.emotive.storage.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.emotive.api.ConflictException;
import org.emotive.api.InvalidFieldException;
import org.emotive.api.NotFoundException;
import org.emotive.api.image.DiskFile;
import org.emotive.api.image.Image;
import org.emotive.api.image.ImageState;
import org.emotive.api.storage.ImageBuild;
import org.emotive.api.storage.ImageImport;
import org.emotive.api.storage.StorageService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

/**
 * Storage on this node's own disks: images under {@code imagesDir}, instance overlays under
 * {@code storageDir/instances}. Imports and builds run in the background; their progress is
 * written to the image's descriptor, so it survives a restart of this bundle (work that a
 * restart cut short is marked failed and its partial files removed).
 */
@Component(service = StorageService.class, configurationPid = "org.emotive.node")
public class LocalStorage implements StorageService {

    private static final Logger LOG = Logger.getLogger(LocalStorage.class.getName());
    private static final long GIB = 1L << 30;
    private static final String PART = ".part";
    /** Built images: the kernel mounts the image's disk as its root. */
    private static final String BUILT_CMDLINE = "console=ttyS0 root=/dev/vda rw";
    private static final int DEFAULT_BUILD_DISK_GIB = 2;

    /** What a build takes from the node's configuration when the request leaves it out. */
    private record BuildDefaults(String suite, String mirror, String arch) {
        static BuildDefaults of(StorageConfig c) {
            return new BuildDefaults(c.debianSuite(), c.debianMirror(),
                    "aarch64".equals(c.architecture()) ? "arm64" : "amd64");
        }
    }

    private final Clock clock = Clock.systemUTC();
    private final QemuImg qemuImg = new QemuImg();
    private ImageRepository repository;
    private InstanceDisks instances;
    private ExecutorService work;
    private volatile long maxUploadBytes;
    private volatile BuildDefaults buildDefaults = new BuildDefaults("bookworm", "http://deb.debian.org/debian", "amd64");
    private Path scratchDir;
    private Path storageDir;
    private Path imagesDir;

    public LocalStorage() {
    }

    LocalStorage(Path storageDir, Path imagesDir, int maxUploadGiB) {
        start(storageDir, imagesDir, maxUploadGiB);
    }

    @Activate
    void activate(StorageConfig config) {
        buildDefaults = BuildDefaults.of(config);
        start(Path.of(config.storageDir()), Path.of(config.imagesDir()), config.maxUploadGiB());
    }

    private void start(Path storageDir, Path imagesDir, int maxUploadGiB) {
        this.storageDir = storageDir;
        this.imagesDir = imagesDir;
        this.scratchDir = storageDir.resolve("tmp").resolve("image-builds");
        Tree.delete(scratchDir); // what builds a stop cut short left; no build runs yet
        repository = new ImageRepository(imagesDir);
        instances = new InstanceDisks(storageDir.resolve("instances"), qemuImg);
        maxUploadBytes = maxUploadGiB * GIB;
        work = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "emotive-image-work");
            t.setDaemon(true);
            return t;
        });
        failInterruptedWork();
    }

    /**
     * Without this, a change to {@code org.emotive.node} would restart the component and cancel
     * the imports under way. Folders stay as they are until the storage restarts.
     */
    @Modified
    void modified(StorageConfig config) {
        if (!Path.of(config.imagesDir()).equals(imagesDir) || !Path.of(config.storageDir()).equals(storageDir)) {
            LOG.warning("org.emotive.node: new storageDir/imagesDir take effect when the storage restarts"
                    + " (feature:uninstall and feature:install emotive-storage-local); the old ones stay in use");
        }
        buildDefaults = BuildDefaults.of(config);
        if (config.maxUploadGiB() >= 1) {
            maxUploadBytes = config.maxUploadGiB() * GIB;
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        work.shutdownNow();
        work.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Override
    public List<Image> images() {
        return repository.list();
    }

    @Override
    public Optional<Image> image(String name) {
        return repository.find(name);
    }

    @Override
    public Image importFile(ImageImport request) {
        String name = ImageNames.require(request.name());
        Path file = FileChecks.readableFile("source.file", request.file());
        if ((request.kernel() == null) != (request.initrd() == null)) {
            throw new InvalidFieldException(request.kernel() == null ? "kernel" : "initrd",
                    "kernel and initrd go together: give both or neither");
        }
        Path kernel = request.kernel() == null ? null : FileChecks.readableFile("kernel", request.kernel());
        Path initrd = request.initrd() == null ? null : FileChecks.readableFile("initrd", request.initrd());
        String cmdline = FileChecks.cmdline(request.cmdline());
        if (kernel != null && cmdline == null) {
            cmdline = "console=ttyS0 root=/dev/vda rw";
        }
        QemuImg.Info info = acceptableDisk("source.file", file);
        reserve(ImageDescriptor.pending(name, request.owner(), "copy", cmdline, now()));
        work.submit(() -> runJob(name, log -> {
            Path folder = repository.folder(name);
            copyDisk(name, file, info.format(), log);
            if (kernel != null) {
                progress(name, "kernel", 97);
                Files.copy(kernel, folder.resolve("vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(initrd, folder.resolve("initrd.img"), StandardCopyOption.REPLACE_EXISTING);
            }
            ready(name, kernel == null ? null : "vmlinuz", kernel == null ? null : "initrd.img");
        }));
        return repository.find(name).orElseThrow();
    }

    @Override
    public Image upload(String name, String owner, InputStream content) {
        ImageNames.require(name);
        reserve(ImageDescriptor.pending(name, owner, "upload", null, now()));
        Path folder = repository.folder(name);
        Path part = folder.resolve("upload" + PART);
        try {
            receive(content, part);
            QemuImg.Info info = acceptableDisk("content", part);
            try (Writer log = openLog(name)) {
                copyDisk(name, part, info.format(), log);
            }
            Files.deleteIfExists(part);
            ready(name, null, null);
            return repository.find(name).orElseThrow();
        } catch (IOException e) {
            Tree.delete(folder);
            throw new UncheckedIOException("cannot store the upload of image " + name, e);
        } catch (RuntimeException e) {
            Tree.delete(folder); // a failed upload answers its caller: nothing stays behind
            throw e;
        }
    }

    @Override
    public Image build(ImageBuild request) {
        String name = ImageNames.require(request.name());
        DebianImageSpec spec = buildSpec(request);
        reserve(ImageDescriptor.pending(name, request.owner(), "debootstrap", BUILT_CMDLINE, now()));
        work.submit(() -> runBuild(name, spec));
        return repository.find(name).orElseThrow();
    }

    /** The request with the node's defaults filled in, checked field by field. */
    private DebianImageSpec buildSpec(ImageBuild request) {
        BuildDefaults d = buildDefaults;
        try {
            return new DebianImageSpec(request.suite() == null ? d.suite() : request.suite(),
                    request.mirror() == null ? d.mirror() : request.mirror(),
                    request.arch() == null ? d.arch() : request.arch(), request.packages(),
                    request.diskGiB() == null ? DEFAULT_BUILD_DISK_GIB : request.diskGiB());
        } catch (IllegalArgumentException e) {
            // DebianImageSpec says "invalid <field> ...": name the field as the request spells it
            String[] words = String.valueOf(e.getMessage()).split(" ", 3);
            String field = words.length > 1 && "invalid".equals(words[0]) ? words[1].replaceAll("\\[.*", "") : "source";
            throw new InvalidFieldException("source.debootstrap." + field, e.getMessage());
        }
    }

    /** Builds into a sub-folder the builder owns, then moves the result beside the descriptor. */
    private void runBuild(String name, DebianImageSpec spec) {
        Path folder = repository.folder(name);
        Path target = folder.resolve("build");
        int[] last = {-1};
        String[] lastPhase = {""};
        try {
            new DebianImageBuilder(scratchDir).build(spec, target, (phase, percent) -> {
                if (percent != last[0] || !phase.equals(lastPhase[0])) {
                    last[0] = percent;
                    lastPhase[0] = phase;
                    progress(name, phase, Math.min(percent, 99));
                }
            });
            for (String file : List.of(DebianImageBuilder.DISK, DebianImageBuilder.KERNEL, DebianImageBuilder.INITRD,
                    DebianImageBuilder.LOG_FILE)) {
                Files.move(target.resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(target);
            ready(name, DebianImageBuilder.KERNEL, DebianImageBuilder.INITRD);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "image '" + name + "' could not be built", e);
            keepInLog(name, "FAILED: " + e.getMessage());
            Tree.delete(target);
            fail(name, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            keepInLog(name, "CANCELLED: the storage service stopped");
            Tree.delete(target);
            fail(name, "cancelled: the storage service stopped while it was building");
        }
    }

    /** The builder removes its own log with a failed build: what went wrong is kept here. */
    private void keepInLog(String name, String text) {
        try (Writer log = openLog(name)) {
            log.write(text + "\n");
        } catch (IOException e) {
            LOG.warning("cannot write the log of image " + name + ": " + e.getMessage());
        }
    }

    @Override
    public String log(String name) {
        Path log = repository.folder(ImageNames.require(name)).resolve(ImageRepository.LOG_FILE);
        requireImage(name);
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the log of image " + name, e);
        }
    }

    @Override
    public synchronized void deleteImage(String name) {
        Image image = requireImage(name);
        if (image.state() == ImageState.PENDING) {
            throw new ConflictException("image '" + name + "' is " + image.phase() + " (" + image.progress()
                    + "%); delete it when it is ready or failed");
        }
        List<UUID> users = instances.users(name);
        if (!users.isEmpty()) {
            throw new ConflictException("image '" + name + "' is used by " + users.size() + " VM(s): " + users);
        }
        Tree.delete(repository.folder(name));
        LOG.info(() -> "image '" + name + "' deleted");
    }

    @Override
    public List<UUID> imageUsers(String name) {
        requireImage(name);
        return instances.users(name);
    }

    @Override
    public Map<String, List<UUID>> imageUsers() {
        return instances.usersByImage();
    }

    @Override
    public synchronized Optional<DiskFile> createInstanceDisk(UUID vm, Image image, Integer diskGiB) {
        // synchronized with deleteImage: an image is never removed between this check and the overlay
        Image current = requireImage(image.name());
        if (current.state() != ImageState.READY) {
            throw new ConflictException("image '" + image.name() + "' is " + current.state().wireName());
        }
        return instances.create(vm, current, diskGiB);
    }

    @Override
    public Optional<DiskFile> instanceDisk(UUID vm) {
        return instances.find(vm);
    }

    @Override
    public DiskFile createHomeDisk(UUID vm, int homeGiB) {
        return instances.createHome(vm, homeGiB);
    }

    @Override
    public Optional<DiskFile> homeDisk(UUID vm) {
        return instances.findHome(vm);
    }

    @Override
    public void deleteInstanceDisk(UUID vm) {
        instances.delete(vm);
    }

    @Override
    public Path vmDir(UUID vm) {
        return instances.dir(vm);
    }

    /** One step of background work on an image, with its log open. */
    @FunctionalInterface
    private interface Job {
        void run(Writer log) throws IOException;
    }

    private void runJob(String name, Job job) {
        try (Writer log = openLog(name)) {
            try {
                job.run(log);
            } catch (RuntimeException | IOException e) {
                log.write("FAILED: " + e.getMessage() + "\n");
                throw e;
            }
        } catch (RuntimeException | IOException e) {
            LOG.log(Level.WARNING, "image '" + name + "' failed", e);
            fail(name, Thread.currentThread().isInterrupted() ? "cancelled: the storage service stopped"
                    : e.getMessage());
        }
    }

    /** qemu-img copies the disk into the image as qcow2 (0-95%). */
    private void copyDisk(String name, Path source, String format, Writer log) throws IOException {
        Path folder = repository.folder(name);
        Path part = folder.resolve(ImageDescriptor.DISK_FILE + PART);
        int[] last = {-1};
        qemuImg.convertToQcow2(source, format, part, percent -> {
            int scaled = percent * 95 / 100;
            if (scaled != last[0]) {
                last[0] = scaled;
                progress(name, "copy", scaled);
            }
        }, log);
        Files.move(part, folder.resolve(ImageDescriptor.DISK_FILE), StandardCopyOption.REPLACE_EXISTING);
    }

    private void ready(String name, String kernel, String initrd) {
        QemuImg.Info info = qemuImg.info(repository.folder(name).resolve(ImageDescriptor.DISK_FILE), "qcow2");
        repository.write(name, descriptor(name).ready(info, kernel, initrd));
        LOG.info(() -> "image '" + name + "' is ready");
    }

    private void progress(String name, String phase, int percent) {
        repository.write(name, descriptor(name).withProgress(phase, percent));
    }

    private void fail(String name, String why) {
        removePartialFiles(name);
        repository.descriptor(name).ifPresent(d -> repository.write(name, d.failed(why)));
    }

    private ImageDescriptor descriptor(String name) {
        return repository.descriptor(name).orElseThrow(() -> new NotFoundException("image '" + name + "' not found"));
    }

    /** Accepts only raw and qcow2 disks without a backing file (which could point anywhere on the node). */
    private QemuImg.Info acceptableDisk(String field, Path file) {
        QemuImg.Info info;
        try {
            info = qemuImg.info(file, null);
        } catch (Command.CommandException e) {
            throw new InvalidFieldException(field, field + " is not a disk image qemu-img can read");
        }
        if (!info.format().equals("raw") && !info.format().equals("qcow2")) {
            throw new InvalidFieldException(field, field + " is a " + info.format()
                    + " image; only raw and qcow2 are accepted");
        }
        if (info.backingFile() != null) {
            throw new InvalidFieldException(field, field + " has a backing file; upload a standalone image"
                    + " (qemu-img convert flattens it)");
        }
        if (info.virtualSizeBytes() <= 0) {
            throw new InvalidFieldException(field, field + " is empty");
        }
        return info;
    }

    /** Claims the name: the first descriptor written wins. */
    private synchronized void reserve(ImageDescriptor pending) {
        if (Files.exists(repository.folder(pending.name()))) {
            throw new ConflictException("an image named '" + pending.name() + "' exists already");
        }
        repository.write(pending.name(), pending);
    }

    private void receive(InputStream content, Path part) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW)) {
            int n;
            while ((n = content.read(buffer)) != -1) {
                total += n;
                if (total > maxUploadBytes) {
                    throw new InvalidFieldException("content", "the upload is larger than "
                            + maxUploadBytes / GIB + " GiB (maxUploadGiB)");
                }
                out.write(buffer, 0, n);
            }
        }
        if (total == 0) {
            throw new InvalidFieldException("content", "the upload is empty");
        }
    }

    private Writer openLog(String name) throws IOException {
        return Files.newBufferedWriter(repository.folder(name).resolve(ImageRepository.LOG_FILE),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Work a stop cut short never resumes by itself: say so and free its room. */
    private void failInterruptedWork() {
        for (String name : repository.names()) {
            repository.descriptor(name).filter(d -> "pending".equals(d.state())).ifPresent(d -> {
                LOG.warning("image '" + name + "' was " + d.phase() + " when the node stopped; marked failed");
                fail(name, "interrupted: the node stopped while it was " + d.phase());
            });
        }
    }

    private void removePartialFiles(String name) {
        Path folder = repository.folder(name);
        Tree.delete(folder.resolve("build")); // a build the node stopped in the middle of
        for (String file : List.of(ImageDescriptor.DISK_FILE, ImageDescriptor.DISK_FILE + PART, "upload" + PART,
                "vmlinuz", "initrd.img")) {
            try {
                Files.deleteIfExists(folder.resolve(file));
            } catch (IOException e) {
                LOG.warning("cannot remove " + folder.resolve(file) + ": " + e.getMessage());
            }
        }
    }

    private Image requireImage(String name) {
        return repository.find(name).orElseThrow(() -> new NotFoundException("image '" + name + "' not found"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
