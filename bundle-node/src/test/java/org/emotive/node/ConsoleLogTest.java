package org.emotive.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleLogTest {

    @Test
    void lastLinesOfSerialOutput() {
        assertEquals("c\nd\n", ConsoleLog.lastLines("a\r\nb\r\nc\r\nd\r\n", 2));
        assertEquals("c\nd\n", ConsoleLog.lastLines("a\nb\nc\nd", 2));
        assertEquals("a\nb\n", ConsoleLog.lastLines("a\nb\n", 10));
        assertEquals("", ConsoleLog.lastLines("", 5));
        assertEquals("only\n", ConsoleLog.lastLines("only", 1));
    }

    @Test
    void tailOfAMissingLogIsEmptyAndDeleteRemovesIt(@TempDir Path dir) throws Exception {
        ConsoleLog logs = new ConsoleLog(dir.resolve("consoles"));
        UUID vm = UUID.randomUUID();
        assertEquals("", logs.tail(vm, 10));
        Files.writeString(logs.path(vm), "boot\nEMOTIVE-GUEST-UP\n");
        assertEquals("EMOTIVE-GUEST-UP\n", logs.tail(vm, 1));
        logs.delete(vm);
        assertEquals(false, Files.exists(logs.path(vm)));
    }
}
