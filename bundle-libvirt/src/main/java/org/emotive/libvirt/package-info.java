/** Shared code of the libvirt-based drivers (KVM, Xen): domain XML and the driver template. */
@Version("1.0.0")
package org.emotive.libvirt;

import org.osgi.annotation.versioning.Version;
