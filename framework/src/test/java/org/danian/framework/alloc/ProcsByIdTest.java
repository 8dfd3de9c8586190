package org.danian.framework.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.danian.spi.alloc.testing.FakeProc;
import org.junit.jupiter.api.Test;

/** The id-to-proc table against {@link HashMap} on a seeded random walk, and its mistakes. */
class ProcTableTest {

    @Test
    void agreesWithAHashMapOnARandomWalk() {
        Random random = new Random(7);
        ProcsById table = new ProcsById();
        Map<Integer, SimpleProc> reference = new HashMap<>();
        for (int step = 0; step < 50_000; step++) {
            // Ids from a window that slides, as a kernel's ids grow while procs come and go.
            int id = step / 100 + random.nextInt(200);
            if (random.nextBoolean() && !reference.containsKey(id)) {
                SimpleProc proc = new SimpleProc(FakeProc.lc(id, 1, 0, 1));
                table.put(proc);
                reference.put(id, proc);
            } else {
                assertSame(reference.remove(id), table.remove(id), "remove " + id);
            }
            int probe = step / 100 + random.nextInt(200);
            assertSame(reference.get(probe), table.get(probe), "get " + probe);
            assertEquals(reference.size(), table.size());
        }
    }

    @Test
    void aDuplicateIdIsRefused() {
        ProcsById table = new ProcsById();
        table.put(new SimpleProc(FakeProc.lc(3, 1, 0, 1)));

        IllegalStateException duplicate = assertThrows(IllegalStateException.class,
                () -> table.put(new SimpleProc(FakeProc.lc(3, 1, 0, 1))));

        assertEquals("proc 3 is already attached", duplicate.getMessage());
        assertNull(table.get(4));
        assertNull(table.remove(4));
    }
}
