/** The node agent (VtM): VM lifecycle as users and operators see it. */
@Version("1.1.0")
package org.emotive.api.node;

import org.osgi.annotation.versioning.Version;
