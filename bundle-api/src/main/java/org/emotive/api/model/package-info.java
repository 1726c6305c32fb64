/** The records users and services exchange: VMs, their specs and states, nodes. */
@Version("1.2.0")
package org.emotive.api.model;

import org.osgi.annotation.versioning.Version;
