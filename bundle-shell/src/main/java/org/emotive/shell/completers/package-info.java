/** Completion of VM and image names for the emotive:* commands. */
package org.emotive.shell.completers;
