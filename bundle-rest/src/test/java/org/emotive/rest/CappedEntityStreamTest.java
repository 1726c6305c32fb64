package org.emotive.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class CappedEntityStreamTest {

    private static final Problem TOO_LARGE = TaskUploadLimit.problem(1L << 20);

    private static InputStream capped(int size, long cap) {
        return new CappedEntityStream(new ByteArrayInputStream(new byte[size]), cap, TOO_LARGE);
    }

    @Test
    void aBodyUpToItsCapIsReadWhole() throws IOException {
        assertArrayEquals(new byte[100], capped(100, 100).readAllBytes());
        try (InputStream in = capped(3, 3)) {
            in.read();
            assertEquals(2, in.skip(5));
            assertEquals(-1, in.read());
        }
    }

    @Test
    void readingPastTheCapFailsWithTheProblemWhateverTheWayOfReading() throws IOException {
        CappedEntityStream.Overflow bulk = assertThrows(CappedEntityStream.Overflow.class,
                () -> capped(101, 100).readAllBytes());
        assertEquals(TOO_LARGE, bulk.problem());
        InputStream single = capped(2, 1);
        single.read();
        assertThrows(CappedEntityStream.Overflow.class, single::read);
        InputStream skipped = capped(10, 5);
        assertThrows(CappedEntityStream.Overflow.class, () -> skipped.skip(10));
        assertThrows(CappedEntityStream.Overflow.class, skipped::read, "past the cap it stays refused");
    }

    @Test
    void theProblemIs413NamingTheInputsAndTheKey() {
        assertEquals(413, TOO_LARGE.status());
        assertEquals("inputs", TOO_LARGE.field());
        assertEquals("/problems/body-too-large", TOO_LARGE.type());
        assertTrue(TOO_LARGE.detail().contains("1 MiB") && TOO_LARGE.detail().contains("maxTaskInputMiB"),
                TOO_LARGE.detail());
    }
}
