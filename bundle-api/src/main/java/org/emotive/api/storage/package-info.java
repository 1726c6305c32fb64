/** The storage service: base images and instance disks, local or shared. */
@Version("1.1.0")
package org.emotive.api.storage;

import org.osgi.annotation.versioning.Version;
