package org.emotive.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.emotive.api.InvalidFieldException;
import org.emotive.api.task.TaskSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskSpecValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../x", "a/b", "a\\b", "nul\0", "tab\there", "new\nline", "del\u007f",
            "line\u2028sep"})
    void hostileFileNamesAreRefusedNamingTheField(String name) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> TaskSpecValidator.requireFileName("inputs", name));
        assertEquals("inputs", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"data.bin", "..hidden", "a b", "név-名前", ".profile"})
    void plainFileNamesPass(String name) {
        assertEquals(name, TaskSpecValidator.requireFileName("inputs", name));
    }

    @Test
    void aNameOverTheLimitIsRefused() {
        assertThrows(InvalidFieldException.class, () -> TaskSpecValidator.requireFileName("inputs", "é".repeat(128)));
    }

    @Test
    void eachBadSpecNamesItsField() {
        assertEquals("spec", field(null));
        assertEquals("command", field(new TaskSpec(" ", "busybox", null, null, null)));
        assertEquals("command", field(new TaskSpec("a\0b", "busybox", null, null, null)));
        assertEquals("image", field(new TaskSpec("true", null, null, null, null)));
        assertEquals("timeoutSeconds", field(new TaskSpec("true", "busybox", null, null, 0)));
        assertEquals("timeoutSeconds", field(new TaskSpec("true", "busybox", null, null, -5)));
    }

    @Test
    void theTimeoutHasADefault() {
        assertEquals(TaskSpecValidator.DEFAULT_TIMEOUT_SECONDS,
                TaskSpecValidator.validate(new TaskSpec("true", "busybox", null, null, null)).timeoutSeconds());
    }

    private static String field(TaskSpec spec) {
        return assertThrows(InvalidFieldException.class, () -> TaskSpecValidator.validate(spec)).field();
    }
}
