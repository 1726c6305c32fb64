/** Task execution: a command with input files, run in a fresh VM whose outputs come back when it ends. */
@Version("1.1.0")
package org.emotive.api.task;

import org.osgi.annotation.versioning.Version;
