/** Base images a VM boots from, and the disk files behind them. */
@Version("2.0.0")
package org.emotive.api.image;

import org.osgi.annotation.versioning.Version;
