package org.emotive.kvm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;
import org.emotive.api.HypervisorException;
import org.emotive.api.hypervisor.DomainDefinition;
import org.emotive.api.hypervisor.HypervisorDriver;
import org.emotive.libvirt.DomainXmlBuilder;
import org.emotive.libvirt.LibvirtDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The KVM/QEMU driver. The domain type ({@code kvm} or TCG's {@code qemu}) is probed in the
 * background at activation so that the container's start is not held up; the first create
 * waits for it.
 */
@Component(service = HypervisorDriver.class, configurationPid = "org.emotive.kvm",
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = HypervisorDriver.TYPE + "=kvm")
@Designate(ocd = KvmConfig.class)
public class KvmDriver extends LibvirtDriver {

    private static final Logger LOG = Logger.getLogger(KvmDriver.class.getName());

    private final CompletableFuture<DomainXmlBuilder> xmlBuilder;

    @Activate
    public KvmDriver(KvmConfig config) {
        super(config.uri());
        this.xmlBuilder = CompletableFuture.supplyAsync(() -> new DomainXmlBuilder(chooseDomainType(config), "hvm"));
    }

    @Override
    public String type() {
        return "kvm";
    }

    @Override
    protected String domainXml(DomainDefinition definition) {
        try {
            return xmlBuilder.get().build(definition);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HypervisorException("interrupted while probing for KVM");
        } catch (ExecutionException e) {
            throw new HypervisorException("KVM probe failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    static String chooseDomainType(KvmConfig config) {
        String wanted = config.domainType().trim();
        if (wanted.equals("kvm") || wanted.equals("qemu")) {
            LOG.info(() -> "KVM driver: domain type '" + wanted + "' set in org.emotive.kvm");
            return wanted;
        }
        if (!wanted.equals("auto")) {
            LOG.warning(() -> "KVM driver: domainType '" + wanted + "' is not auto, kvm or qemu; probing instead");
        }
        Optional<Path> kernel = config.probeKernel().isBlank()
                ? KvmProbe.newestBootKernel() : Optional.of(Path.of(config.probeKernel()));
        KvmProbe.Result result = new KvmProbe(config.qemuBinary(), kernel,
                Duration.ofSeconds(config.probeTimeoutSeconds())).run();
        String type = result.kvmWorks() ? "kvm" : "qemu";
        LOG.info(() -> "KVM driver: domain type '" + type + "' (" + result.reason() + ")");
        return type;
    }

    @Deactivate
    void deactivate() {
        xmlBuilder.cancel(false);
        close();
    }
}
