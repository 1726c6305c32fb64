package org.emotive.node;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code etc/org.emotive.node.cfg}: what the old {@code vtm.properties} and {@code poolEnv.cfg}
 * held. Checked by {@link NodeSettings}: an invalid file is refused with a log line naming the
 * key, and the configuration in force stays.
 */
@ObjectClassDefinition(name = "Emotive node agent")
public @interface NodeConfig {

    @AttributeDefinition(description = "This node's id in the cluster (a DNS label); empty: the host name")
    String nodeId() default "";

    @AttributeDefinition(description = "Address other nodes and the control reach this node at; empty: the host name")
    String address() default "";

    @AttributeDefinition(description = "Guest architecture: x86_64 or aarch64")
    String architecture() default "x86_64";

    @AttributeDefinition(description = "Where VM records, consoles and instance disks are kept (absolute; fixed while the node runs)")
    String storageDir() default "/var/lib/emotive";

    @AttributeDefinition(description = "Folder of base images, one sub-folder per image (absolute)")
    String imagesDir() default "/var/lib/emotive/images";

    @AttributeDefinition(description = "Debian mirror image builds fetch from (http or https)")
    String debianMirror() default "http://deb.debian.org/debian";

    @AttributeDefinition(description = "Debian suite image builds install")
    String debianSuite() default "bookworm";

    @AttributeDefinition(description = "vCPUs of a VM created without a size", min = "1")
    int defaultVcpus() default 1;

    @AttributeDefinition(description = "Memory of a VM created without a size, MiB", min = "16")
    int defaultMemoryMiB() default 128;

    @AttributeDefinition(description = "Disk of a VM created without a size, GiB; 0: the image's own size", min = "0")
    int defaultDiskGiB() default 0;

    @AttributeDefinition(description = "Home disk of a VM created without homeGiB, GiB: an empty ext4 file system"
            + " labelled emotive-home, mounted as /home by images Emotive builds; 0: none", min = "0")
    int defaultHomeGiB() default 0;

    @AttributeDefinition(description = "Largest vCPU count a VM may have", min = "1")
    int maxVcpusPerVm() default 64;

    @AttributeDefinition(description = "Largest memory a VM may have, MiB", min = "16")
    int maxMemoryMiBPerVm() default 65536;

    @AttributeDefinition(description = "Largest image upload, GiB", min = "1")
    int maxUploadGiB() default 64;

    @AttributeDefinition(description = "Largest total of one task's input files, MiB", min = "1")
    int maxTaskInputMiB() default 4096;

    @AttributeDefinition(description = "libvirt network VMs attach to; empty: none")
    String network() default "";

    @AttributeDefinition(description = "existing (defined outside Emotive), isolated or nat (defined by Emotive when"
            + " absent), or bridge (onto the host bridge networkBridge)")
    String networkMode() default "isolated";

    @AttributeDefinition(description = "isolated/nat: the host's address on the network, CIDR (its subnet is served by DHCP)")
    String networkAddress() default "10.77.10.1/24";

    @AttributeDefinition(description = "isolated/nat: the DNS domain VM names are served in")
    String networkDomain() default "emotive.internal";

    @AttributeDefinition(description = "bridge: the host bridge VMs join")
    String networkBridge() default "br0";
}
