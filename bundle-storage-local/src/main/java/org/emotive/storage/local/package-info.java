/** Storage service on a local folder: base images and copy-on-write instance disks. Private. */
package org.emotive.storage.local;
