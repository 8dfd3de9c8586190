package org.danian.framework.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.engine.LruTestPolicy;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.pick.ThreadPickPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same seed and same calibration file → byte-identical CSVs: a run calibrates and writes its
 * calibration.csv; a rerun that reads that file back writes every deterministic file again,
 * byte for byte. A different seed changes the latencies (so the comparison can fail).
 */
class SimulationDeterminismTest {

    private static final Map<String, Supplier<ThreadPickPolicy>> PICKS = Map.of("lru", () -> new LruTestPolicy("lru"),
            "lru2", () -> new LruTestPolicy("lru2"));
    private static final Map<String, Supplier<CoreAllocationPolicy>> ALLOCATORS = Map.of("simple",
            SimpleAllocationPolicy::new);

    @Test
    void sameSeedAndCalibrationGiveIdenticalCsvs(@TempDir Path directory) throws IOException {
        Path first = directory.resolve("first");
        Path second = directory.resolve("second");
        Path other = directory.resolve("other-seed");
        List<String> options = List.of("--policies", "lru,lru2", "--cores", "16,32", "--workload", "mixed", "--load",
                "0.3,0.8", "--requests", "20000", "--seed", "7", "--service", "bimodal");
        run(options, first, null);
        run(options, second, first.resolve("calibration.csv"));
        run(List.of("--policies", "lru,lru2", "--cores", "16,32", "--workload", "mixed", "--load", "0.3,0.8",
                "--requests", "20000", "--seed", "8", "--service", "bimodal"), other, first.resolve("calibration.csv"));
        for (String file : SweepCsv.DETERMINISTIC) {
            assertArrayEquals(Files.readAllBytes(first.resolve(file)), Files.readAllBytes(second.resolve(file)),
                    file + " differs between two runs of the same seed and calibration");
        }
        assertTrue(Files.readAllLines(first.resolve("latency.csv")).size() == 1 + 2 * 2 * 2 * 2,
                "one row per policy, core count, load and proc");
        assertFalse(Files.readString(first.resolve("latency.csv")).equals(Files.readString(other.resolve("latency.csv"))),
                "another seed must change the latencies");
    }

    @Test
    void aCalibrationTableReadsBackExactly() {
        PickCostTable table = PickCostCalibration.measure(List.of(new LruTestPolicy("lru")), 64, 200_000);
        String csv = table.toCsv();
        assertEquals(csv, PickCostTable.parse(csv).toCsv());
        assertEquals(1 + 7 * 2, csv.lines().count(), "sizes 1, 2, …, 64, local and remote each: " + csv);
    }

    private static void run(List<String> options, Path out, Path calibration) throws IOException {
        List<String> words = new java.util.ArrayList<>(options);
        words.addAll(List.of("--out", out.toString()));
        if (calibration != null) {
            words.addAll(List.of("--calibration", calibration.toString()));
        }
        SimulateCommandRunner.run(words, PICKS, ALLOCATORS);
    }
}
