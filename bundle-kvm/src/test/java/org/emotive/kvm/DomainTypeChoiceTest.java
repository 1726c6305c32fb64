package org.emotive.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import org.junit.jupiter.api.Test;

class DomainTypeChoiceTest {

    private static KvmConfig config(String domainType, String qemu) {
        return new KvmConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return KvmConfig.class;
            }

            @Override
            public String uri() {
                return "qemu:///system";
            }

            @Override
            public String domainType() {
                return domainType;
            }

            @Override
            public String qemuBinary() {
                return qemu;
            }

            @Override
            public String probeKernel() {
                return "/boot/vmlinuz";
            }

            @Override
            public int probeTimeoutSeconds() {
                return 1;
            }
        };
    }

    @Test
    void aConfiguredTypeWinsWithoutProbing() {
        // the probe would fail with this QEMU, so a probe would answer "qemu"
        assertEquals("kvm", KvmDriver.chooseDomainType(config("kvm", "/nonexistent/qemu")));
        assertEquals("qemu", KvmDriver.chooseDomainType(config(" qemu ", "/nonexistent/qemu")));
    }

    @Test
    void autoAndNonsenseFallBackToTcgWhenHardwareVirtualisationFails() {
        assertEquals("qemu", KvmDriver.chooseDomainType(config("auto", "/nonexistent/qemu")));
        assertEquals("qemu", KvmDriver.chooseDomainType(config("xen", "/nonexistent/qemu")));
    }
}
