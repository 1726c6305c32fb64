package org.emotive.kvm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** {@code etc/org.emotive.kvm.cfg}. */
@ObjectClassDefinition(name = "Emotive KVM driver", description = "KVM/QEMU through libvirt")
public @interface KvmConfig {

    @AttributeDefinition(description = "libvirt connection URI")
    String uri() default "qemu:///system";

    @AttributeDefinition(description = "Domain type: auto probes hardware virtualisation, kvm or qemu (TCG) force one",
            options = {@Option(value = "auto"), @Option(value = "kvm"), @Option(value = "qemu")})
    String domainType() default "auto";

    @AttributeDefinition(description = "QEMU binary used by the probe")
    String qemuBinary() default "qemu-system-x86_64";

    @AttributeDefinition(description = "Kernel the probe boots under KVM; empty: the newest /boot/vmlinuz-*")
    String probeKernel() default "";

    @AttributeDefinition(description = "Seconds the probe waits for the kernel's first line", min = "1", max = "120")
    int probeTimeoutSeconds() default 10;
}
