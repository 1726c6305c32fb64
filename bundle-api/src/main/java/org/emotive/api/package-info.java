/** Errors shared by every Emotive service. */
@Version("1.1.0")
package org.emotive.api;

import org.osgi.annotation.versioning.Version;
