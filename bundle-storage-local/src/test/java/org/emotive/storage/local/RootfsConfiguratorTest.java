package org.emotive.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configurator on a minimal tree: what a real debootstrap tree gets is booted in DebianImageBuilderIT. */
class RootfsConfiguratorTest {

    private static Path minimalRoot(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("etc/initramfs-tools/conf.d"));
        Files.createDirectories(root.resolve("var/lib/dbus"));
        Files.createDirectories(root.resolve("var/cache/apt/archives"));
        Files.createDirectories(root.resolve("var/lib/apt/lists"));
        Files.writeString(root.resolve("etc/shadow"), "root::19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
        return root;
    }

    @Test
    void theTaskRunnerIsInstalledEnabledAndValidShell(@TempDir Path dir) throws Exception {
        Path root = minimalRoot(dir);
        new RootfsConfigurator(root).configure();

        Path runner = root.resolve(RootfsConfigurator.TASK_RUNNER);
        assertTrue(Files.getPosixFilePermissions(runner).contains(PosixFilePermission.OTHERS_EXECUTE));
        Process check = new ProcessBuilder("sh", "-n", runner.toString()).redirectErrorStream(true).start();
        String complaints = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), complaints);
        String script = Files.readString(runner);
        assertTrue(script.contains("emotive-in") && script.contains("exit-code") && script.contains("poweroff"));

        Path wanted = root.resolve("etc/systemd/system/multi-user.target.wants/emotive-task.service");
        assertEquals(Path.of("/" + RootfsConfigurator.TASK_UNIT), Files.readSymbolicLink(wanted));
        assertTrue(Files.readString(root.resolve(RootfsConfigurator.TASK_UNIT)).contains("ExecStart=/usr/local/sbin/"));
        assertTrue(Files.readString(root.resolve("etc/fstab")).contains("LABEL=emotive-home /home ext4 defaults,nofail"));
        assertTrue(Files.readString(root.resolve("etc/shadow")).startsWith("root:*:"));
    }

    @Test
    void aLinkPlantedInTheTreeCannotRedirectTheRunner(@TempDir Path dir) throws Exception {
        Path root = minimalRoot(dir);
        Path outside = Files.createDirectories(dir.resolve("host-sbin"));
        Files.createDirectories(root.resolve("usr/local"));
        Files.createSymbolicLink(root.resolve("usr/local/sbin"), outside);

        assertThrows(IOException.class, () -> new RootfsConfigurator(root).configure());
        try (var files = Files.list(outside)) {
            assertFalse(files.findAny().isPresent(), "nothing written outside the tree");
        }
    }
}
