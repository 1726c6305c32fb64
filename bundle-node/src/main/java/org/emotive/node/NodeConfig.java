package org.emotive.node;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.emotive.node.cfg}: what the old vtm.properties held. */
@ObjectClassDefinition(name = "Emotive node agent")
public @interface NodeConfig {

    @AttributeDefinition(description = "This node's id in the cluster; empty: the host name")
    String nodeId() default "";

    @AttributeDefinition(description = "Address other nodes and the control reach this node at; empty: the host name")
    String address() default "";

    @AttributeDefinition(description = "Where VM records and console logs are kept (must be reachable by the hypervisor)")
    String storageDir() default "/var/lib/emotive";

    @AttributeDefinition(description = "Folder of base images, one sub-folder per image with an image.json")
    String imagesDir() default "/var/lib/emotive/images";

    @AttributeDefinition(description = "Largest vCPU count a VM may have", min = "1")
    int maxVcpusPerVm() default 64;

    @AttributeDefinition(description = "Largest memory a VM may have, MiB", min = "16")
    int maxMemoryMiBPerVm() default 65536;
}
