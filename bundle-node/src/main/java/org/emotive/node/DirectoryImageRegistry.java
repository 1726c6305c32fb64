package org.emotive.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.emotive.api.image.Image;
import org.emotive.api.image.ImageKind;
import org.emotive.api.image.ImageRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * Images kept in a local folder: {@code <imagesDir>/<name>/image.json} describes each one;
 * the folder's name is the image's name. Read on every call, so an image copied in by an
 * operator appears without a restart. Configured by {@code org.emotive.node} (see {@link NodeConfig}).
 */
@Component(service = ImageRegistry.class, configurationPid = "org.emotive.node")
public class DirectoryImageRegistry implements ImageRegistry {

    private static final Logger LOG = Logger.getLogger(DirectoryImageRegistry.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile Path dir;

    public DirectoryImageRegistry() {
    }

    DirectoryImageRegistry(Path dir) {
        this.dir = dir;
    }

    @Activate
    @Modified
    void configure(NodeConfig config) {
        this.dir = Path.of(config.imagesDir());
    }

    @Override
    public List<Image> list() {
        Path root = dir;
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Image> images = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            folders.filter(Files::isDirectory).sorted(Comparator.naturalOrder())
                    .forEach(f -> read(f).ifPresent(images::add));
        } catch (IOException e) {
            LOG.warning("cannot list images in " + root + ": " + e.getMessage());
        }
        return images;
    }

    @Override
    public Optional<Image> find(String name) {
        if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            return Optional.empty(); // never let a name walk out of the folder
        }
        return read(dir.resolve(name));
    }

    private static Optional<Image> read(Path folder) {
        Path descriptor = folder.resolve("image.json");
        if (!Files.isRegularFile(descriptor)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(descriptor.toFile());
            ImageKind kind = ImageKind.valueOf(node.path("kind").asText("kernel").toUpperCase(Locale.ROOT));
            Path kernel = inside(folder, node.path("kernel").asText("vmlinuz"));
            Path initrd = inside(folder, node.path("initrd").asText("initrd.img"));
            if (!Files.isReadable(kernel) || !Files.isReadable(initrd)) {
                LOG.warning("image " + folder + " lacks its kernel or initrd; skipped");
                return Optional.empty();
            }
            return Optional.of(new Image(folder.getFileName().toString(), kind, kernel, initrd,
                    node.path("cmdline").asText("console=ttyS0")));
        } catch (IOException | IllegalArgumentException e) {
            LOG.warning("unreadable image descriptor " + descriptor + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Path inside(Path folder, String file) {
        Path p = folder.resolve(file).normalize();
        if (!p.startsWith(folder)) {
            throw new IllegalArgumentException("image file " + file + " is outside its folder");
        }
        return p.toAbsolutePath();
    }
}
