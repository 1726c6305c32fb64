/** Base images a VM boots from. */
@Version("1.0.0")
package org.emotive.api.image;

import org.osgi.annotation.versioning.Version;
