package org.emotive.storage.local;

/**
 * Turns debootstrap's "I: ..." lines into a rough percent of its work, 0..100, that never goes down.
 * debootstrap does not say how many packages it will fetch, so the retrieval uses an estimate until
 * it is over; afterwards the packages retrieved count each later step. The bands follow the times
 * measured on a bookworm minbase build with a kernel (~120 packages, ~55 s): index and dependency
 * resolution ~15%, retrieval ~20%, extraction ~10%, unpacking ~25%, configuration ~30%.
 */
final class DebootstrapProgress {

    static final int ESTIMATED_PACKAGES = 120;

    private int retrieved;
    private int extracted;
    private int unpacked;
    private int configured;
    private int percent;

    /** Takes one output line; returns whether the percent went up. */
    boolean accept(String line) {
        if (!line.startsWith("I: ")) {
            return false;
        }
        String message = line.substring(3);
        int next = percent;
        if (message.startsWith("Resolving dependencies")) {
            next = 5;
        } else if (message.startsWith("Checking component")) {
            next = 15;
        } else if (message.startsWith("Retrieving ") && isPackage(message)) {
            retrieved++;
            next = band(15, 35, retrieved, Math.max(retrieved, ESTIMATED_PACKAGES));
        } else if (message.startsWith("Extracting ")) {
            next = band(35, 45, ++extracted, retrieved);
        } else if (message.startsWith("Unpacking ")) {
            next = band(45, 70, ++unpacked, retrieved);
        } else if (message.startsWith("Configuring ")) {
            next = band(70, 99, ++configured, retrieved);
        } else if (message.startsWith("Base system installed successfully")) {
            next = 100;
        }
        if (next <= percent) {
            return false;
        }
        percent = next;
        return true;
    }

    int percent() {
        return percent;
    }

    /** "Retrieving adduser 3.134" is a package; "Retrieving InRelease" and "Retrieving Packages" are indexes. */
    private static boolean isPackage(String message) {
        return message.trim().split(" ").length == 3;
    }

    private static int band(int from, int to, int done, int total) {
        if (total <= 0) {
            return from;
        }
        return from + (to - from) * Math.min(done, total) / total;
    }
}
