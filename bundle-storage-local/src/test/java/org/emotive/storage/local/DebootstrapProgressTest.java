package org.emotive.storage.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebootstrapProgressTest {

    /** The shape of a real run (lines as debootstrap 1.0.128 prints them), with n packages. */
    private static List<String> run(int packages) {
        List<String> lines = new ArrayList<>(List.of("I: Retrieving InRelease ", "I: Checking Release signature",
                "I: Valid Release signature (key id 4D64FEC119C2029067D6E791F8D2585B8783D481)", "I: Retrieving Packages ",
                "I: Validating Packages ", "I: Resolving dependencies of required packages...",
                "I: Resolving dependencies of base packages...", "I: Checking component main on http://deb.debian.org/debian..."));
        for (int i = 0; i < packages; i++) {
            lines.add("I: Retrieving pkg" + i + " 1.0-" + i);
            lines.add("I: Validating pkg" + i + " 1.0-" + i);
        }
        lines.add("I: Chosen extractor for .deb packages: dpkg-deb");
        for (int i = 0; i < packages / 2; i++) {
            lines.add("I: Extracting pkg" + i + "...");
        }
        lines.add("I: Installing core packages...");
        lines.add("dpkg: warning: not a progress line");
        for (int i = 0; i < packages; i++) {
            lines.add("I: Unpacking pkg" + i + "...");
        }
        for (int i = 0; i < packages; i++) {
            lines.add("I: Configuring pkg" + i + "...");
        }
        lines.add("I: Base system installed successfully.");
        return lines;
    }

    @Test
    void aRunGoesFromZeroToHundredWithoutGoingBack() {
        for (int packages : new int[] {30, DebootstrapProgress.ESTIMATED_PACKAGES, 400}) {
            DebootstrapProgress progress = new DebootstrapProgress();
            List<Integer> seen = new ArrayList<>();
            for (String line : run(packages)) {
                int before = progress.percent();
                boolean changed = progress.accept(line);
                assertTrue(progress.percent() >= before, line);
                assertEquals(changed, progress.percent() != before, line);
                if (changed) {
                    seen.add(progress.percent());
                }
            }
            assertEquals(100, progress.percent());
            assertTrue(seen.size() > 20, "too coarse for " + packages + " packages: " + seen);
        }
    }

    @Test
    void theBandsFollowThePhases() {
        DebootstrapProgress progress = new DebootstrapProgress();
        List<String> lines = run(DebootstrapProgress.ESTIMATED_PACKAGES);
        int percentAtExtraction = -1;
        int percentAtConfiguration = -1;
        for (String line : lines) {
            progress.accept(line);
            if (line.startsWith("I: Chosen extractor")) {
                percentAtExtraction = progress.percent();
            }
            if (line.equals("I: Configuring pkg0...")) {
                percentAtConfiguration = progress.percent();
            }
        }
        assertEquals(35, percentAtExtraction);
        assertTrue(percentAtConfiguration >= 70 && percentAtConfiguration < 75, "at configuration: " + percentAtConfiguration);
    }

    @Test
    void indexesAndOtherOutputDoNotCountAsPackages() {
        DebootstrapProgress progress = new DebootstrapProgress();
        assertFalse(progress.accept("I: Retrieving InRelease "));
        assertFalse(progress.accept("I: Retrieving Packages "));
        assertFalse(progress.accept("W: Retrieving adduser 3.134"));
        assertFalse(progress.accept("Retrieving adduser 3.134"));
        assertFalse(progress.accept(""));
        assertEquals(0, progress.percent());
    }
}
