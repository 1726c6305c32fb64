package org.emotive.storage.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.emotive.api.image.DiskFile;
import org.emotive.api.image.Image;
import org.emotive.api.image.ImageKind;
import org.emotive.api.image.ImageState;

/**
 * The images folder: one sub-folder per image, named after it, with an {@code image.json}.
 * Read on every call, so an image copied in by an operator appears without a restart.
 */
final class ImageRepository {

    static final String DESCRIPTOR = "image.json";
    static final String LOG_FILE = "build.log";
    private static final Logger LOG = Logger.getLogger(ImageRepository.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Path root;

    ImageRepository(Path root) {
        this.root = root;
    }

    Path folder(String name) {
        return root.resolve(name);
    }

    List<String> names() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve(DESCRIPTOR)))
                    .map(f -> f.getFileName().toString()).filter(ImageNames::valid)
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            LOG.warning("cannot list images in " + root + ": " + e.getMessage());
            return List.of();
        }
    }

    List<Image> list() {
        List<Image> images = new ArrayList<>();
        for (String name : names()) {
            find(name).ifPresent(images::add);
        }
        return images;
    }

    Optional<Image> find(String name) {
        return descriptor(name).flatMap(d -> toImage(name, d));
    }

    Optional<ImageDescriptor> descriptor(String name) {
        if (!ImageNames.valid(name)) {
            return Optional.empty(); // never let a name walk out of the folder
        }
        Path file = folder(name).resolve(DESCRIPTOR);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ImageDescriptor.class));
        } catch (IOException e) {
            LOG.warning("unreadable image descriptor " + file + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Written to a temporary file and moved over the old one, so a reader never sees half of it. */
    void write(String name, ImageDescriptor descriptor) {
        Path folder = folder(name);
        try {
            Files.createDirectories(folder);
            Path tmp = folder.resolve(DESCRIPTOR + ".tmp");
            JSON.writeValue(tmp.toFile(), descriptor);
            Files.move(tmp, folder.resolve(DESCRIPTOR), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the descriptor of image " + name, e);
        }
    }

    private Optional<Image> toImage(String name, ImageDescriptor d) {
        Path folder = folder(name);
        try {
            ImageKind kind = ImageKind.valueOf(orElse(d.kind(), "kernel").toUpperCase(Locale.ROOT));
            ImageState state = ImageState.valueOf(orElse(d.state(), "ready").toUpperCase(Locale.ROOT));
            DiskFile disk = null;
            if (d.disk() != null) {
                disk = new DiskFile(inside(folder, d.disk()), orElse(d.format(), "qcow2"),
                        d.virtualSizeBytes() == null ? 0 : d.virtualSizeBytes(),
                        d.actualSizeBytes() == null ? 0 : d.actualSizeBytes());
            }
            boolean kernelImage = kind == ImageKind.KERNEL;
            String kernelFile = kernelImage ? orElse(d.kernel(), "vmlinuz") : d.kernel();
            String initrdFile = kernelImage ? orElse(d.initrd(), "initrd.img") : d.initrd();
            Path kernel = kernelFile == null ? null : inside(folder, kernelFile);
            Path initrd = initrdFile == null ? null : inside(folder, initrdFile);
            if (state == ImageState.READY && !filesPresent(disk, kernel, initrd, kind)) {
                LOG.warning("image " + folder + " lacks its files; skipped");
                return Optional.empty();
            }
            int progress = d.progress() == null ? (state == ImageState.READY ? 100 : 0) : d.progress();
            return Optional.of(new Image(name, kind, state, d.owner(), disk, kernel, initrd,
                    kernel == null ? null : orElse(d.cmdline(), "console=ttyS0"), d.phase(), progress, d.error(),
                    d.createdAt()));
        } catch (IllegalArgumentException e) {
            LOG.warning("unusable image descriptor in " + folder + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean filesPresent(DiskFile disk, Path kernel, Path initrd, ImageKind kind) {
        if (kind == ImageKind.KERNEL && kernel == null) {
            return false;
        }
        if (kernel != null && (!Files.isReadable(kernel) || initrd == null || !Files.isReadable(initrd))) {
            return false;
        }
        return disk == null || Files.isReadable(disk.path());
    }

    private static Path inside(Path folder, String file) {
        Path p = folder.resolve(file).normalize();
        if (!p.startsWith(folder.normalize())) {
            throw new IllegalArgumentException("image file " + file + " is outside its folder");
        }
        return p.toAbsolutePath();
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
