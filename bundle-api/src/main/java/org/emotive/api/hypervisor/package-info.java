/** The hypervisor driver service: what a node needs from KVM, Xen or any other hypervisor. */
@Version("2.1.0")
package org.emotive.api.hypervisor;

import org.osgi.annotation.versioning.Version;
