package org.emotive.api.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.emotive.api.image.DiskFile;
import org.emotive.api.image.Image;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a node keeps base images and VM instance disks: a local folder, or shared storage
 * (NFS) behind the same interface. Instance disks are copy-on-write overlays of their image,
 * never copies, so the storage knows which VMs use which image.
 * <p>
 * Throws {@link org.emotive.api.InvalidFieldException} for bad input (nothing changed),
 * {@link org.emotive.api.NotFoundException} for an unknown image and
 * {@link org.emotive.api.ConflictException} when the image's state forbids the call.
 */
@ProviderType
public interface StorageService {

    List<Image> images();

    Optional<Image> image(String name);

    /**
     * Starts copying a raw or qcow2 file of this node into a new image and returns it at once,
     * {@code pending}; it becomes {@code ready} or {@code failed}.
     */
    Image importFile(ImageImport request);

    /** Stores an uploaded raw or qcow2 disk as a new image; returns when it is ready. */
    Image upload(String name, String owner, InputStream content);

    /** Starts building a Debian base image with debootstrap; returns it at once, {@code pending}. */
    Image build(ImageBuild request);

    /** The build or import log of an image, empty when it has none. */
    String log(String name);

    /** Removes an image and its files; a conflict while a VM uses it or while it is pending. */
    void deleteImage(String name);

    /** The VMs whose instance disks are backed by the image. */
    List<UUID> imageUsers(String name);

    /** The VMs of every image that has any, read in one pass (for listings). */
    Map<String, List<UUID>> imageUsers();

    /**
     * Creates the VM's instance disk: an overlay of the image's disk (grown to {@code diskGiB}
     * when given), or an empty disk of {@code diskGiB} for a kernel image. Empty when the image
     * has no disk and none was asked for. The image must be ready.
     */
    Optional<DiskFile> createInstanceDisk(UUID vm, Image image, Integer diskGiB);

    Optional<DiskFile> instanceDisk(UUID vm);

    /**
     * Creates the VM's home disk: an empty ext4 file system labelled {@code emotive-home} of
     * {@code homeGiB}, made without mounting anything, kept beside the instance disk and removed
     * with it. Only written blocks take room.
     */
    DiskFile createHomeDisk(UUID vm, int homeGiB);

    Optional<DiskFile> homeDisk(UUID vm);

    /** Removes the VM's instance and home disks; unknown VMs are ignored. */
    void deleteInstanceDisk(UUID vm);

    /** Where checkpoints, saved states and task files of this VM may be kept. */
    Path vmDir(UUID vm);
}
