package org.emotive.itests;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;

/**
 * Types commands into a guest's serial console through the pty libvirt gives it
 * ({@code virsh ttyconsole}); what the guest answers shows in its console log.
 */
final class GuestConsole {

    private GuestConsole() {
    }

    /** The pty is kept open across the lines: closed in between, input can be lost. */
    static void type(String domainUuid, String... lines) throws IOException, InterruptedException {
        String pty = VmLifecycleRestIT.virsh("ttyconsole", domainUuid).trim();
        if (!pty.startsWith("/dev/pts/")) {
            throw new IllegalStateException("no console pty for " + domainUuid + ": " + pty);
        }
        try (RandomAccessFile tty = new RandomAccessFile(pty, "rw")) {
            tty.write("\n".getBytes(StandardCharsets.US_ASCII)); // wakes the shell's line editor first
            Thread.sleep(1000);
            for (String line : lines) {
                tty.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                Thread.sleep(1000);
            }
        }
    }
}
