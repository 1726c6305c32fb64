package org.emotive.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.emotive.api.ConflictException;
import org.emotive.api.InvalidFieldException;
import org.junit.jupiter.api.Test;

class ShellErrorsTest {

    @Test
    void invalidFieldsNameTheCommandOption() {
        assertEquals("invalid --memory (memoryMiB): memoryMiB must be between 16 and 65536",
                ShellErrors.message(new InvalidFieldException("memoryMiB", "memoryMiB must be between 16 and 65536")));
        assertEquals("invalid NAME (name): bad", ShellErrors.message(new InvalidFieldException("name", "bad")));
        assertEquals("invalid other (other): x", ShellErrors.message(new InvalidFieldException("other", "x")));
    }

    @Test
    void otherErrorsKeepTheirMessage() {
        assertEquals("cannot suspend VM 'a' while it is paused",
                ShellErrors.message(new ConflictException("cannot suspend VM 'a' while it is paused")));
    }
}
